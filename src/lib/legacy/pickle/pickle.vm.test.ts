/**
 * The machine on its own: every protocol's built-ins (real pickles written by Python 3.11), refusals of
 * code (GLOBAL, STACK_GLOBAL, REDUCE, NEWOBJ), and the limits that keep hostile input bounded.
 */
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { PilotError, errorMessage } from '$lib/i18n/errors';
import {
	PICKLE_LIMITS,
	inspectLegacyPickle,
	isDataFrame,
	dataFrameRecords,
	readLegacyPickle,
	type LegacyValue
} from './index';
import { PickleBuilder } from './pickle.samples';

const read = (bytes: Uint8Array) => readLegacyPickle(bytes, 'data/test.pkl');

/** The PilotError `run` throws (failing the test when it returns). */
function faultOf(run: () => unknown): PilotError {
	try {
		run();
	} catch (error) {
		if (error instanceof PilotError) return error;
		throw error;
	}
	throw new Error('no error thrown');
}

/**
 * pickle.dumps(v, protocol=p) by Python 3.11 for
 * v = {'texte': 'é€', 'octets': b'\x00\xff', 'horodatage': datetime(2026, 12, 8, 11, 41, 15, 123456),
 *      'jour': date(2027, 1, 31), 'ensemble': {3}, 'gel': frozenset(['a']), 'tableau': bytearray(b'xy'),
 *      'tuple': (1, 2.5, None, True), 'grand': 2**70, 'négatif': -5, 'moyen': 70000, 'flottant': nan, 3: 'clé int'}
 */
const BUILTINS: Record<number, string> = {
	2: 'gAJ9cQAoWAUAAAB0ZXh0ZXEBWAUAAADDqeKCrHECWAYAAABvY3RldHNxA2NfY29kZWNzCmVuY29kZQpxBFgDAAAAAMO/cQVYBgAAAGxhdGluMXEGhnEHUnEIWAoAAABob3JvZGF0YWdlcQljZGF0ZXRpbWUKZGF0ZXRpbWUKcQpoBFgMAAAAB8OqDAgLKQ8Bw6JAcQtoBoZxDFJxDYVxDlJxD1gEAAAAam91cnEQY2RhdGV0aW1lCmRhdGUKcRFoBFgFAAAAB8OrAR9xEmgGhnETUnEUhXEVUnEWWAgAAABlbnNlbWJsZXEXY19fYnVpbHRpbl9fCnNldApxGF1xGUsDYYVxGlJxG1gDAAAAZ2VscRxjX19idWlsdGluX18KZnJvemVuc2V0CnEdXXEeWAEAAABhcR9hhXEgUnEhWAcAAAB0YWJsZWF1cSJjX19idWlsdGluX18KYnl0ZWFycmF5CnEjaARYAgAAAHh5cSRoBoZxJVJxJoVxJ1JxKFgFAAAAdHVwbGVxKShLAUdABAAAAAAAAE6IdHEqWAUAAABncmFuZHErigkAAAAAAAAAAEBYCAAAAG7DqWdhdGlmcSxK+////1gFAAAAbW95ZW5xLUpwEQEAWAgAAABmbG90dGFudHEuR3/4AAAAAAAASwNYCAAAAGNsw6kgaW50cS91Lg==',
	3: 'gAN9cQAoWAUAAAB0ZXh0ZXEBWAUAAADDqeKCrHECWAYAAABvY3RldHNxA0MCAP9xBFgKAAAAaG9yb2RhdGFnZXEFY2RhdGV0aW1lCmRhdGV0aW1lCnEGQwoH6gwICykPAeJAcQeFcQhScQlYBAAAAGpvdXJxCmNkYXRldGltZQpkYXRlCnELQwQH6wEfcQyFcQ1ScQ5YCAAAAGVuc2VtYmxlcQ9jYnVpbHRpbnMKc2V0CnEQXXERSwNhhXESUnETWAMAAABnZWxxFGNidWlsdGlucwpmcm96ZW5zZXQKcRVdcRZYAQAAAGFxF2GFcRhScRlYBwAAAHRhYmxlYXVxGmNidWlsdGlucwpieXRlYXJyYXkKcRtDAnh5cRyFcR1ScR5YBQAAAHR1cGxlcR8oSwFHQAQAAAAAAABOiHRxIFgFAAAAZ3JhbmRxIYoJAAAAAAAAAABAWAgAAABuw6lnYXRpZnEiSvv///9YBQAAAG1veWVucSNKcBEBAFgIAAAAZmxvdHRhbnRxJEd/+AAAAAAAAEsDWAgAAABjbMOpIGludHEldS4=',
	4: 'gASVKQEAAAAAAAB9lCiMBXRleHRllIwFw6nigqyUjAZvY3RldHOUQwIA/5SMCmhvcm9kYXRhZ2WUjAhkYXRldGltZZSMCGRhdGV0aW1llJOUQwoH6gwICykPAeJAlIWUUpSMBGpvdXKUaAaMBGRhdGWUk5RDBAfrAR+UhZRSlIwIZW5zZW1ibGWUj5QoSwOQjANnZWyUKIwBYZSRlIwHdGFibGVhdZSMCGJ1aWx0aW5zlIwJYnl0ZWFycmF5lJOUQwJ4eZSFlFKUjAV0dXBsZZQoSwFHQAQAAAAAAABOiHSUjAVncmFuZJSKCQAAAAAAAAAAQIwIbsOpZ2F0aWaUSvv///+MBW1veWVulEpwEQEAjAhmbG90dGFudJRHf/gAAAAAAABLA4wIY2zDqSBpbnSUdS4=',
	5: 'gAWVEwEAAAAAAAB9lCiMBXRleHRllIwFw6nigqyUjAZvY3RldHOUQwIA/5SMCmhvcm9kYXRhZ2WUjAhkYXRldGltZZSMCGRhdGV0aW1llJOUQwoH6gwICykPAeJAlIWUUpSMBGpvdXKUaAaMBGRhdGWUk5RDBAfrAR+UhZRSlIwIZW5zZW1ibGWUj5QoSwOQjANnZWyUKIwBYZSRlIwHdGFibGVhdZSWAgAAAAAAAAB4eZSMBXR1cGxllChLAUdABAAAAAAAAE6IdJSMBWdyYW5klIoJAAAAAAAAAABAjAhuw6lnYXRpZpRK+////4wFbW95ZW6USnARAQCMCGZsb3R0YW50lEd/+AAAAAAAAEsDjAhjbMOpIGludJR1Lg=='
};

describe('legacy pickle machine: built-in types of every protocol', () => {
	it.each([2, 3, 4, 5])('decodes protocol %i', (protocol) => {
		const pickle = inspectLegacyPickle(new Uint8Array(Buffer.from(BUILTINS[protocol], 'base64')), 'p.pkl');
		expect(pickle.protocol).toBe(protocol);
		const value = pickle.value as Map<unknown, unknown>;
		expect([...value.keys()]).toEqual([
			'texte',
			'octets',
			'horodatage',
			'jour',
			'ensemble',
			'gel',
			'tableau',
			'tuple',
			'grand',
			'négatif',
			'moyen',
			'flottant',
			3
		]);
		expect(value.get('texte')).toBe('é€');
		expect(value.get('octets')).toEqual(new Uint8Array([0, 255]));
		expect(value.get('horodatage')).toEqual({
			kind: 'datetime',
			iso: '2026-12-08T11:41:15.123456',
			ms: Date.UTC(2026, 11, 8, 11, 41, 15, 123),
			pyType: 'datetime.datetime'
		});
		expect(value.get('jour')).toEqual({
			kind: 'date',
			iso: '2027-01-31',
			ms: Date.UTC(2027, 0, 31),
			pyType: 'datetime.date'
		});
		expect(value.get('ensemble')).toEqual([3]);
		expect(value.get('gel')).toEqual(['a']);
		expect(value.get('tableau')).toEqual(new Uint8Array([0x78, 0x79]));
		expect(value.get('tuple')).toEqual([1, 2.5, null, true]);
		expect(value.get('grand')).toBe(2n ** 70n);
		expect(value.get('négatif')).toBe(-5);
		expect(value.get('moyen')).toBe(70000);
		expect(value.get('flottant')).toBeNaN();
		expect(value.get(3)).toBe('clé int');
	});

	it('decodes numpy arrays in C and Fortran order, object arrays and protocol 5 buffers', () => {
		const f8 = (...values: number[]) => new Uint8Array(new Float64Array(values).buffer);
		const array = (shape: number[], values: unknown[]) => ({
			kind: 'ndarray',
			dtype: 'float64',
			shape,
			values
		});
		// [[1, 2, 3], [4, 5, 6]]: C order writes rows, Fortran order columns.
		const c = new PickleBuilder().ndarray('f8', [2, 3], false, (b) => b.bytes(f8(1, 2, 3, 4, 5, 6)));
		expect(read(c.done())).toEqual(array([2, 3], [1, 2, 3, 4, 5, 6]));
		const f = new PickleBuilder().ndarray('f8', [2, 3], true, (b) => b.bytes(f8(1, 4, 2, 5, 3, 6)));
		expect(read(f.done())).toEqual(array([2, 3], [1, 2, 3, 4, 5, 6]));
		const cube = new PickleBuilder().ndarray('f8', [2, 2, 2], true, (b) =>
			b.bytes(f8(0, 4, 2, 6, 1, 5, 3, 7))
		);
		expect(read(cube.done())).toEqual(array([2, 2, 2], [0, 1, 2, 3, 4, 5, 6, 7]));
		// numpy lists object arrays in C order whatever the layout.
		const objects = new PickleBuilder().ndarray('O8', [2, 2], true, (b) =>
			b.op('EMPTY_LIST', 'MARK').str('a').op('NONE').int(3).str('d').op('APPENDS')
		);
		expect(read(objects.done())).toEqual({
			kind: 'ndarray',
			dtype: 'object',
			shape: [2, 2],
			values: ['a', null, 3, 'd']
		});
		const frombuffer = new PickleBuilder(5)
			.stackGlobal('numpy._core.numeric', '_frombuffer')
			.op('MARK')
			.arg('BYTEARRAY8', 16, 8)
			.bytesRaw(f8(0.5, -2))
			.dtype('f8')
			.int(2)
			.op('TUPLE1')
			.str('C')
			.op('TUPLE', 'REDUCE');
		expect(read(frombuffer.done())).toEqual(array([2], [0.5, -2]));
	});

	it('keeps a key named __proto__ as plain data', () => {
		const value = read(new PickleBuilder().op('EMPTY_DICT').str('__proto__').int(1).op('SETITEM').done());
		expect(value).toEqual(new Map([['__proto__', 1]]));
		expect(Object.getPrototypeOf({})).toBe(Object.prototype);
	});

	it('keeps shared references shared, so the memo cannot multiply the output', () => {
		// L0 = [], Li = [Li-1, Li-1]: 2^64 leaves if each reference were copied.
		const b = new PickleBuilder().op('EMPTY_LIST', 'MEMOIZE', 'POP');
		for (let level = 1; level <= 64; level++)
			b.op('EMPTY_LIST', 'MEMOIZE', 'MARK')
				.arg('LONG_BINGET', level - 1, 4)
				.arg('LONG_BINGET', level - 1, 4)
				.op('APPENDS', 'POP');
		const top = read(b.arg('LONG_BINGET', 64, 4).done()) as unknown[];
		expect(top).toHaveLength(2);
		expect(top[0]).toBe(top[1]);
	});
});

describe('legacy pickle machine: code is refused, by name', () => {
	const attacks: [string, string, PickleBuilder][] = [
		[
			'GLOBAL os.system + REDUCE',
			'os.system',
			new PickleBuilder(2).global('os', 'system').str('id').op('TUPLE1', 'REDUCE')
		],
		[
			'GLOBAL posix.system',
			'posix.system',
			new PickleBuilder(2).global('posix', 'system').str('id').op('TUPLE1', 'REDUCE')
		],
		[
			'STACK_GLOBAL builtins.eval + REDUCE',
			'builtins.eval',
			new PickleBuilder().stackGlobal('builtins', 'eval').str('1+1').op('TUPLE1', 'REDUCE')
		],
		[
			'Python 2 name __builtin__.eval',
			'__builtin__.eval',
			new PickleBuilder(2).global('__builtin__', 'eval').str('1+1').op('TUPLE1', 'REDUCE')
		],
		[
			'STACK_GLOBAL subprocess.Popen + NEWOBJ',
			'subprocess.Popen',
			new PickleBuilder().stackGlobal('subprocess', 'Popen').str('id').op('TUPLE1', 'NEWOBJ')
		],
		[
			'subprocess.Popen + REDUCE',
			'subprocess.Popen',
			new PickleBuilder()
				.stackGlobal('subprocess', 'Popen')
				.op('MARK')
				.str('sh')
				.str('-c')
				.op('LIST', 'TUPLE1', 'REDUCE')
		],
		[
			'a global never called',
			'builtins.getattr',
			new PickleBuilder().stackGlobal('builtins', 'getattr').op('POP', 'NONE')
		],
		[
			'a dotted name under an allowed module',
			'pandas.DataFrame.to_csv',
			new PickleBuilder().stackGlobal('pandas', 'DataFrame.to_csv').op('EMPTY_TUPLE', 'REDUCE')
		],
		[
			'pandas.read_pickle',
			'pandas.read_pickle',
			new PickleBuilder().stackGlobal('pandas', 'read_pickle').str('/etc/passwd').op('TUPLE1', 'REDUCE')
		],
		[
			'numpy.load',
			'numpy.load',
			new PickleBuilder().stackGlobal('numpy', 'load').str('/etc/passwd').op('TUPLE1', 'REDUCE')
		],
		['a persistent id', 'identifiant persistant (PERSID)', new PickleBuilder().str('x').op('BINPERSID')],
		['a copyreg extension', 'extension copyreg n° 1', new PickleBuilder().raw('EXT1', 1)],
		['an out-of-band buffer', 'tampon hors bande (NEXT_BUFFER)', new PickleBuilder(5).op('NEXT_BUFFER')]
	];

	it.each(attacks)('%s', (_, what, pickle) => {
		const error = faultOf(() => read(pickle.done()));
		expect(error.code).toBe('pickle-refused');
		expect(error.details).toMatchObject({ file: 'data/test.pkl', what });
		expect(errorMessage(error)).toContain(`contenu non reconnu : ${what}`);
		expect(errorMessage(error)).toContain('« data/test.pkl »');
	});

	it('refuses an allowed callable given where it must not be (REDUCE on a class, BUILD on a str)', () => {
		expect(
			faultOf(() =>
				read(new PickleBuilder().stackGlobal('numpy', 'ndarray').op('EMPTY_TUPLE', 'REDUCE').done())
			).code
		).toBe('pickle-malformed');
		expect(faultOf(() => read(new PickleBuilder().str('a').op('EMPTY_DICT', 'BUILD').done())).code).toBe(
			'pickle-malformed'
		);
	});

	it('refuses a class or function kept as a value', () => {
		const error = faultOf(() => read(new PickleBuilder().stackGlobal('builtins', 'slice').done()));
		expect(error.code).toBe('pickle-refused');
		expect(error.details.what).toContain('builtins.slice');
	});

	it('refuses protocols 0 and 1 and non-pickles', () => {
		expect(faultOf(() => read(new TextEncoder().encode("(dp0\nS'a'\np1\nI1\ns."))).code).toBe(
			'pickle-malformed'
		);
		expect(faultOf(() => read(new Uint8Array([0x80, 1, 0x4e, 0x2e]))).details.what).toBe(
			'pickle de protocole 1'
		);
		expect(faultOf(() => read(new Uint8Array([0x80, 6, 0x4e, 0x2e]))).details.what).toBe(
			'pickle de protocole 6'
		);
	});
});

describe('legacy pickle machine: bounded on hostile input', () => {
	it('refuses huge declared lengths without allocating them', () => {
		const cases = [
			new PickleBuilder().arg('BINUNICODE8', 2n ** 62n, 8),
			new PickleBuilder().arg('BINBYTES8', 2n ** 64n - 1n, 8),
			new PickleBuilder(5).arg('BYTEARRAY8', 2n ** 40n, 8),
			new PickleBuilder().arg('BINBYTES', 0xffffffff, 4),
			new PickleBuilder().arg('BINUNICODE', 0xfffffff0, 4),
			new PickleBuilder().arg('FRAME', 2n ** 63n, 8)
		];
		for (const pickle of cases) {
			const error = faultOf(() => read(pickle.done()));
			expect(error.code).toBe('pickle-truncated');
			expect(Number(error.details.needed)).toBeGreaterThan(2 ** 31);
		}
		const long = faultOf(() => read(new PickleBuilder().arg('LONG4', 0x7fffffff, 4).done()));
		expect(long.details).toMatchObject({
			what: 'octets d’un entier',
			limit: String(PICKLE_LIMITS.maxIntBytes)
		});
	});

	it('refuses an array whose shape does not match its buffer, and a huge RangeIndex', () => {
		const array = new PickleBuilder().ndarray('f8', [1_000_000_000, 1_000_000_000], false, (b) =>
			b.bytes([1, 2, 3, 4, 5, 6, 7, 8])
		);
		expect(faultOf(() => read(array.done())).details.reason).toMatch(
			/tampon de numpy.ndarray de taille inattendue/
		);

		const range = (stop: number) =>
			new PickleBuilder()
				.stackGlobal('pandas.core.indexes.base', '_new_Index')
				.stackGlobal('pandas', 'RangeIndex')
				.op('EMPTY_DICT')
				.str('stop')
				.int(stop)
				.op('SETITEM', 'TUPLE2', 'REDUCE');
		// A RangeIndex alone is never expanded, whatever its length.
		expect(read(range(2_000_000_000).done())).toMatchObject({
			kind: 'range-index',
			start: 0,
			stop: 2_000_000_000,
			step: 1
		});
		const frame = new PickleBuilder()
			.stackGlobal('pandas', 'DataFrame')
			.op('EMPTY_TUPLE', 'NEWOBJ', 'EMPTY_DICT')
			.str('_mgr')
			.stackGlobal('pandas.core.internals.managers', 'BlockManager')
			.op('EMPTY_TUPLE', 'MARK');
		const bytes = [...frame.done(false)];
		const axes = [...range(2_000_000_000).done(false).slice(2), ...range(2_000_000_000).done(false).slice(2)];
		const tail = new PickleBuilder().op('LIST', 'TUPLE2', 'REDUCE', 'SETITEM', 'BUILD').done().slice(2);
		const error = faultOf(() => read(new Uint8Array([...bytes, ...axes, ...tail])));
		expect(error.code).toBe('pickle-too-large');
		expect(error.details.what).toBe('valeurs décodées');
	});

	it('stops a pickle that reuses one array through the memo, in proportion to its size', () => {
		// One 10 000-element array, then 100 000 indexes over it: 10^9 labels from 1.6 MB if unchecked.
		const b = new PickleBuilder()
			.ndarray('i8', [10_000], false, (a) => a.bytes(new Uint8Array(80_000)))
			.op('MEMOIZE', 'POP')
			.stackGlobal('pandas.core.indexes.base', '_new_Index')
			.op('MEMOIZE', 'POP')
			.stackGlobal('pandas', 'Index')
			.op('MEMOIZE', 'POP', 'EMPTY_LIST', 'MARK');
		for (let i = 0; i < 100_000; i++)
			b.raw('BINGET', 1)
				.raw('BINGET', 2)
				.op('EMPTY_DICT')
				.str('data')
				.raw('BINGET', 0)
				.op('SETITEM', 'TUPLE2', 'REDUCE');
		const bytes = b.op('APPENDS').done();
		const error = faultOf(() => read(bytes));
		expect(error.details.what).toBe('valeurs décodées');
		expect(error.details.limit).toBe((PICKLE_LIMITS.valuesPerByte * bytes.length).toLocaleString('fr-FR'));
	});

	it('bounds MARK nesting and container nesting, without a stack overflow', () => {
		const marks = faultOf(() => read(new PickleBuilder().repeat(100_000, 'MARK').done()));
		expect(marks.details).toMatchObject({ what: 'imbrication', limit: String(PICKLE_LIMITS.maxDepth) });
		// [[[[…]]]] 100 000 deep, built without MARK: each APPEND puts the top list into the one below.
		const lists = new PickleBuilder().repeat(100_000, 'EMPTY_LIST').repeat(99_999, 'APPEND').done();
		expect(faultOf(() => read(lists)).details.what).toBe('imbrication');
		const nested = new PickleBuilder()
			.repeat(PICKLE_LIMITS.maxDepth - 1, 'EMPTY_LIST')
			.repeat(PICKLE_LIMITS.maxDepth - 2, 'APPEND')
			.done();
		expect(Array.isArray(read(nested))).toBe(true);
	});

	it('refuses a cycle, a second BUILD, an absent memo entry, an empty stack and trailing bytes', () => {
		const reasons = [
			new PickleBuilder().op('EMPTY_LIST', 'MEMOIZE').raw('BINGET', 0).op('APPEND').done(),
			new PickleBuilder()
				.stackGlobal('numpy', 'dtype')
				.str('f8')
				.op('NEWFALSE', 'NEWTRUE', 'TUPLE3', 'REDUCE', 'MARK')
				.int(3)
				.str('<')
				.op('NONE', 'NONE', 'NONE')
				.int(-1)
				.int(-1)
				.int(0)
				.op('TUPLE', 'MEMOIZE', 'BUILD')
				.raw('BINGET', 0)
				.op('BUILD')
				.done(),
			new PickleBuilder().raw('BINGET', 7).done(),
			new PickleBuilder().op('APPEND').done(),
			new Uint8Array([...new PickleBuilder().op('NONE').done(), 0x4e])
		].map((bytes) => faultOf(() => read(bytes)).details.reason);
		expect(reasons).toEqual([
			'structure cyclique',
			'état de numpy.dtype donné deux fois',
			'mémo 7 absent',
			'pile vide',
			'données après la fin du pickle'
		]);
	});

	it('refuses every truncation of a real DataFrame pickle as truncated, naming the file', () => {
		const zip = unzipSync(
			new Uint8Array(
				readFileSync('tests/fixtures/backup/legacy/pilot_GREENLOG_backup_20261218_174205_pandas-3.0.6.zip')
			)
		);
		const whole = zip['data/attendus_manual_data.pkl'];
		expect(isDataFrame((read(whole) as Map<string, LegacyValue>).get('df'))).toBe(true);
		for (let length = 0; length < whole.length; length++) {
			const error = faultOf(() =>
				readLegacyPickle(whole.subarray(0, length), 'data/attendus_manual_data.pkl')
			);
			expect(error.code).toBe('pickle-truncated');
			expect(error.details.file).toBe('data/attendus_manual_data.pkl');
		}
	});
});

describe('legacy pickle helpers', () => {
	it('gives a DataFrame as records keyed by column', () => {
		const zip = unzipSync(
			new Uint8Array(
				readFileSync('tests/fixtures/backup/legacy/pilot_GREENLOG_backup_20261218_174205_pandas-1.5.3.zip')
			)
		);
		const frame = (read(zip['data/attendus_manual_data.pkl']) as Map<string, LegacyValue>).get('df');
		if (!isDataFrame(frame)) throw new Error('not a DataFrame');
		const records = dataFrameRecords(frame);
		expect(records).toHaveLength(frame.rows.length);
		expect(Object.keys(records[0])).toEqual(frame.columns);
		expect(records[0].client).toBe('ATELIER ROSEAU');
	});
});
