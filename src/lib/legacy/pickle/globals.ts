/**
 * The allow-list: the only GLOBAL / STACK_GLOBAL targets a pickle may name, each mapped to a plain-data
 * constructor. Anything else refuses the whole file with its name ("contenu non reconnu : module.classe").
 * The list is what the old app's pickles contain under pandas 1.5 to 3.0 / numpy 1 and 2 (same classes
 * under their other paths), plus how protocols 2 and 5 spell built-in bytes and sets.
 */
import { fromDateState, fromDateTimeState } from './datetime';
import { NDARRAY_CLASS, NUMPY_DTYPE, NUMPY_FROMBUFFER, NUMPY_RECONSTRUCT, NUMPY_SCALAR } from './numpy';
import {
	BLOCK_MANAGER,
	DATAFRAME_CLASS,
	DATETIME_ARRAY,
	INDEX_CLASS,
	NAT_UNPICKLE,
	NEW_INDEX,
	RANGE_INDEX_CLASS,
	SLICE,
	STRING_ARRAY,
	STRING_DTYPE,
	UNPICKLE_BLOCK,
	UNPICKLE_NDARRAY_BACKED,
	UNPICKLE_TIMESTAMP
} from './pandas';
import { PySet, type PickleContext, type PyGlobal } from './py';

/** A str of code points < 256 as its bytes (protocol 2 pickles bytes as `_codecs.encode(s, 'latin1')`). */
function latin1Bytes(text: unknown, encoding: unknown, ctx: PickleContext): Uint8Array {
	if (typeof text !== 'string' || (encoding !== 'latin1' && encoding !== 'latin-1'))
		ctx.fail('encodage inattendu');
	ctx.spend(text.length);
	const bytes = new Uint8Array(text.length);
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code > 255) ctx.fail('octet hors latin-1');
		bytes[i] = code;
	}
	return bytes;
}

const CODECS_ENCODE: PyGlobal = {
	name: '_codecs.encode',
	call: (args, ctx) => latin1Bytes(args[0], args[1], ctx)
};

const BYTEARRAY: PyGlobal = {
	name: 'builtins.bytearray',
	call(args: readonly unknown[], ctx: PickleContext) {
		if (args.length === 0) return new Uint8Array(0);
		if (args[0] instanceof Uint8Array) {
			ctx.spend(args[0].length);
			return args[0].slice();
		}
		return latin1Bytes(args[0], args[1], ctx);
	}
};

function setOf(args: readonly unknown[], ctx: PickleContext): PySet {
	const set = new PySet();
	const items = args.length === 0 ? [] : args[0];
	if (!Array.isArray(items)) ctx.fail('ensemble sans liste');
	ctx.spend(items.length);
	for (const item of items) set.items.push(item);
	return set;
}

const SET: PyGlobal = { name: 'builtins.set', call: setOf };
const FROZENSET: PyGlobal = { name: 'builtins.frozenset', call: setOf };

const DATETIME: PyGlobal = {
	name: 'datetime.datetime',
	call(args: readonly unknown[], ctx: PickleContext) {
		if (args.length > 1 && args[1] !== null) ctx.refuse('datetime.datetime avec fuseau horaire');
		if (!(args[0] instanceof Uint8Array)) ctx.fail('datetime.datetime sans état');
		return fromDateTimeState(args[0], ctx);
	}
};

const DATE: PyGlobal = {
	name: 'datetime.date',
	call(args: readonly unknown[], ctx: PickleContext) {
		if (!(args[0] instanceof Uint8Array) || args.length !== 1) ctx.fail('datetime.date sans état');
		return fromDateState(args[0], ctx);
	}
};

const NUMPY_CORE = ['numpy.core', 'numpy._core'];
const INDEXES = 'pandas.core.indexes';

const ALLOWED: [PyGlobal, string[]][] = [
	[SLICE, ['builtins.slice']],
	[CODECS_ENCODE, ['_codecs.encode']],
	[BYTEARRAY, ['builtins.bytearray']],
	[SET, ['builtins.set']],
	[FROZENSET, ['builtins.frozenset']],
	[DATETIME, ['datetime.datetime']],
	[DATE, ['datetime.date']],
	[NDARRAY_CLASS, ['numpy.ndarray']],
	[NUMPY_DTYPE, ['numpy.dtype']],
	[NUMPY_RECONSTRUCT, NUMPY_CORE.map((m) => `${m}.multiarray._reconstruct`)],
	[NUMPY_SCALAR, NUMPY_CORE.map((m) => `${m}.multiarray.scalar`)],
	[NUMPY_FROMBUFFER, NUMPY_CORE.map((m) => `${m}.numeric._frombuffer`)],
	[DATAFRAME_CLASS, ['pandas.core.frame.DataFrame', 'pandas.DataFrame']],
	[BLOCK_MANAGER, ['pandas.core.internals.managers.BlockManager']],
	[UNPICKLE_BLOCK, ['pandas._libs.internals._unpickle_block']],
	[UNPICKLE_NDARRAY_BACKED, ['pandas._libs.arrays.__pyx_unpickle_NDArrayBacked']],
	[DATETIME_ARRAY, ['pandas.core.arrays.datetimes.DatetimeArray', 'pandas.arrays.DatetimeArray']],
	[STRING_ARRAY, ['pandas.core.arrays.string_.StringArray', 'pandas.arrays.StringArray']],
	[STRING_DTYPE, ['pandas.core.arrays.string_.StringDtype', 'pandas.StringDtype']],
	[NEW_INDEX, [`${INDEXES}.base._new_Index`]],
	[
		INDEX_CLASS,
		[
			`${INDEXES}.base.Index`,
			'pandas.Index',
			`${INDEXES}.numeric.Int64Index`,
			`${INDEXES}.numeric.UInt64Index`,
			`${INDEXES}.numeric.Float64Index`
		]
	],
	[RANGE_INDEX_CLASS, [`${INDEXES}.range.RangeIndex`, 'pandas.RangeIndex']],
	[UNPICKLE_TIMESTAMP, ['pandas._libs.tslibs.timestamps._unpickle_timestamp']],
	[NAT_UNPICKLE, ['pandas._libs.tslibs.nattype.__nat_unpickle']]
];

const BY_NAME = new Map(ALLOWED.flatMap(([spec, names]) => names.map((n) => [n, spec] as const)));

/** Python 2 names that protocol 2 pickles use for the same modules (`fix_imports`). */
const PY2_MODULES: Record<string, string> = { __builtin__: 'builtins' };

/** The allow-listed behaviour of `module.name`, or null. */
export function allowedGlobal(module: string, name: string): PyGlobal | null {
	return BY_NAME.get(`${PY2_MODULES[module] ?? module}.${name}`) ?? null;
}
