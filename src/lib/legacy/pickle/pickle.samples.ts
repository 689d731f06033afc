/** Hand-assembled pickles for the tests: hostile ones mostly, which no Python would write for us. */
import { OP } from './opcodes';

type Op = keyof typeof OP;
const utf8 = new TextEncoder();

function le(value: number | bigint, size: number): number[] {
	let v = BigInt(value);
	return Array.from({ length: size }, () => {
		const byte = Number(v & 0xffn);
		v >>= 8n;
		return byte;
	});
}

export class PickleBuilder {
	private readonly out: number[] = [];

	constructor(protocol = 4) {
		this.out.push(OP.PROTO, protocol);
	}

	/** Opcodes without argument, in order. */
	op(...names: Op[]): this {
		for (const name of names) this.out.push(OP[name]);
		return this;
	}

	/** An opcode followed by raw argument bytes. */
	raw(name: Op, ...bytes: number[]): this {
		this.out.push(OP[name], ...bytes);
		return this;
	}

	/** An opcode followed by a little-endian integer argument of `size` bytes. */
	arg(name: Op, value: number | bigint, size: number): this {
		return this.raw(name, ...le(value, size));
	}

	str(text: string): this {
		const bytes = utf8.encode(text);
		return bytes.length < 256
			? this.raw('SHORT_BINUNICODE', bytes.length, ...bytes)
			: this.arg('BINUNICODE', bytes.length, 4).bytesRaw(bytes);
	}

	int(value: number): this {
		return this.arg('BININT', value, 4);
	}

	bytes(data: Uint8Array | number[]): this {
		return this.arg('BINBYTES', data.length, 4).bytesRaw(data);
	}

	/** A text GLOBAL (protocols 0–3 style). */
	global(module: string, name: string): this {
		this.out.push(OP.GLOBAL, ...utf8.encode(`${module}\n${name}\n`));
		return this;
	}

	stackGlobal(module: string, name: string): this {
		return this.str(module).str(name).op('STACK_GLOBAL');
	}

	/** numpy.dtype(code) with its state, as numpy pickles it. */
	dtype(code: string): this {
		this.stackGlobal('numpy', 'dtype')
			.str(code)
			.op('NEWFALSE', 'NEWTRUE', 'TUPLE3', 'REDUCE', 'MARK')
			.int(3)
			.str('<');
		return this.op('NONE', 'NONE', 'NONE').int(-1).int(-1).int(0).op('TUPLE', 'BUILD');
	}

	/**
	 * An ndarray as numpy pickles it: _reconstruct + BUILD((1, shape, dtype, fortran, data)), `data` pushed
	 * by `pushData` (raw bytes, or a list for the object dtype).
	 */
	ndarray(code: string, shape: number[], fortran: boolean, pushData: (b: this) => void): this {
		this.stackGlobal('numpy._core.multiarray', '_reconstruct').stackGlobal('numpy', 'ndarray');
		this.int(0).op('TUPLE1').bytes([0x62]).op('TUPLE3', 'REDUCE', 'MARK').int(1).op('MARK');
		for (const d of shape) this.int(d);
		this.op('TUPLE')
			.dtype(code)
			.op(fortran ? 'NEWTRUE' : 'NEWFALSE');
		pushData(this);
		return this.op('TUPLE', 'BUILD');
	}

	/** `count` times the same opcode(s). */
	repeat(count: number, ...names: Op[]): this {
		for (let i = 0; i < count; i++) this.op(...names);
		return this;
	}

	bytesRaw(data: Uint8Array | number[]): this {
		for (const byte of data) this.out.push(byte);
		return this;
	}

	/** The pickle, ended by STOP unless `stop` is false. */
	done(stop = true): Uint8Array {
		return new Uint8Array(stop ? [...this.out, OP.STOP] : this.out);
	}
}
