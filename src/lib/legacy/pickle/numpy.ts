/** numpy dtypes, arrays and scalars from their pickled state: little-endian buffers and object lists. */
import { fromEpoch } from './datetime';
import {
	PyGlobalRef,
	PyStateful,
	PyTuple,
	intOf,
	pyInt,
	tupleItems,
	type PickleContext,
	type PyGlobal
} from './py';

type DtypeKind = 'bool' | 'int' | 'uint' | 'float' | 'object' | 'datetime';
const KINDS: Record<string, DtypeKind> = {
	b: 'bool',
	i: 'int',
	u: 'uint',
	f: 'float',
	O: 'object',
	M: 'datetime'
};
const SIZES: Record<DtypeKind, number[]> = {
	bool: [1],
	int: [1, 2, 4, 8],
	uint: [1, 2, 4, 8],
	float: [4, 8],
	object: [4, 8],
	datetime: [8]
};
const NAT = -(2n ** 63n);
const latin1 = (b: Uint8Array) => String.fromCharCode(...b);

/** numpy.dtype(code, False, True) + BUILD(state): the simple dtypes pandas stores. */
export class NumpyDtype extends PyStateful {
	readonly kind: DtypeKind;
	readonly itemsize: number;
	unit = '';

	constructor(
		readonly code: string,
		ctx: PickleContext
	) {
		super('numpy.dtype');
		const match = /^([a-zA-Z])(\d+)(?:\[(\w+)\])?$/.exec(code);
		const kind = match ? KINDS[match[1]] : undefined;
		const itemsize = match ? Number(match[2]) : 0;
		if (!kind || !SIZES[kind].includes(itemsize)) ctx.refuse(`numpy.dtype('${code}')`);
		this.kind = kind;
		this.itemsize = itemsize;
		this.unit = match?.[3] ?? '';
	}

	get name(): string {
		if (this.kind === 'bool' || this.kind === 'object') return this.kind;
		if (this.kind === 'datetime') return `datetime64[${this.unit}]`;
		return `${this.kind}${this.itemsize * 8}`;
	}

	protected setState(state: unknown, ctx: PickleContext): void {
		const items = tupleItems(state, ctx, 'état de numpy.dtype');
		const [version, order, subarray, names, fields] = items;
		if (version !== 3 && version !== 4) ctx.fail('version de numpy.dtype inconnue');
		if (order === '>' && this.itemsize > 1) ctx.refuse(`numpy.dtype('>${this.code}') (gros-boutiste)`);
		if (subarray !== null || names !== null || fields !== null) ctx.refuse(`numpy.dtype structuré`);
		if (this.kind === 'datetime' && !this.unit) this.unit = datetimeUnit(items[items.length - 1], ctx);
	}

	/** One element at `offset` of `view`. */
	read(view: DataView, offset: number, ctx: PickleContext): unknown {
		if (this.kind === 'object') return ctx.fail('tableau d’objets sans liste');
		if (this.kind !== 'datetime') return READERS[this.name](view, offset);
		const value = view.getBigInt64(offset, true);
		return value === NAT ? null : fromEpoch(value, this.unit, 'numpy.datetime64', ctx);
	}
}

/** Little-endian readers of the numeric dtypes, by numpy name. */
const READERS: Record<string, (view: DataView, offset: number) => unknown> = {
	bool: (v, o) => v.getUint8(o) !== 0,
	int8: (v, o) => v.getInt8(o),
	int16: (v, o) => v.getInt16(o, true),
	int32: (v, o) => v.getInt32(o, true),
	int64: (v, o) => pyInt(v.getBigInt64(o, true)),
	uint8: (v, o) => v.getUint8(o),
	uint16: (v, o) => v.getUint16(o, true),
	uint32: (v, o) => v.getUint32(o, true),
	uint64: (v, o) => pyInt(v.getBigUint64(o, true)),
	float32: (v, o) => v.getFloat32(o, true),
	float64: (v, o) => v.getFloat64(o, true)
};

/** The datetime metadata closing a dtype state: `({}, (b'ns', 1, 1, 1))` (or the inner tuple alone). */
function datetimeUnit(meta: unknown, ctx: PickleContext): string {
	let info = meta instanceof PyTuple ? meta.items : [];
	if (info[1] instanceof PyTuple) info = info[1].items;
	const [unit, count] = info;
	if (!(unit instanceof Uint8Array) || unit.length > 8 || count !== 1)
		ctx.fail('unité de datetime64 illisible');
	return latin1(unit);
}

/** An ndarray: shape, dtype and either its raw buffer or (object dtype) its list, both in pickled order. */
export class NdArray extends PyStateful {
	shape: number[] = [];
	dtype: NumpyDtype | null = null;
	private raw: Uint8Array | null = null;
	private list: readonly unknown[] | null = null;
	private fortran = false;
	private decoded: readonly unknown[] | null = null;

	constructor() {
		super('numpy.ndarray');
	}

	get size(): number {
		return this.shape.reduce((a, b) => a * b, 1);
	}

	/** The pickled state: (version, shape, dtype, is_fortran, data), version optional. */
	protected setState(state: unknown, ctx: PickleContext): void {
		const items = tupleItems(state, ctx, 'état de numpy.ndarray');
		const [shape, dtype, fortran, data] = items.length === 5 ? items.slice(1) : items;
		if (items.length !== 4 && items.length !== 5) ctx.fail('état de numpy.ndarray inattendu');
		this.init(shape, dtype, fortran === true, data, ctx);
	}

	init(shape: unknown, dtype: unknown, fortran: boolean, data: unknown, ctx: PickleContext): void {
		if (!(dtype instanceof NumpyDtype)) ctx.fail('numpy.ndarray sans dtype');
		this.dtype = dtype;
		this.fortran = fortran;
		let size = 1;
		this.shape = tupleItems(shape, ctx, 'forme de numpy.ndarray').map((d) => {
			const n = intOf(d, ctx, 'dimension de numpy.ndarray');
			if (n < 0) ctx.fail('dimension négative');
			size *= n;
			return n;
		});
		if (dtype.kind === 'object') {
			if (!Array.isArray(data) || data.length !== size) ctx.fail('tableau d’objets de taille inattendue');
			this.list = data;
		} else {
			if (!(data instanceof Uint8Array) || data.length !== size * dtype.itemsize)
				ctx.fail(`tampon de numpy.ndarray de taille inattendue (${this.shape.join('×')} ${dtype.name})`);
			this.raw = data;
		}
	}

	/**
	 * The elements in C order, decoded once; every use is counted against the budget, since many
	 * objects may share one array through the memo.
	 */
	values(ctx: PickleContext): readonly unknown[] {
		if (!this.dtype) ctx.fail('numpy.ndarray sans état');
		ctx.spend(this.size);
		if (this.decoded) return this.decoded;
		if (this.list) return (this.decoded = this.list);
		const raw = this.raw as Uint8Array;
		const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
		const { shape, dtype } = this;
		const n = shape.length;
		const strides = new Array<number>(n);
		let step = dtype.itemsize;
		for (let k = 0; k < n; k++) {
			const d = this.fortran ? k : n - 1 - k;
			strides[d] = step;
			step *= shape[d];
		}
		const out = new Array<unknown>(this.size);
		const index = new Array<number>(n).fill(0);
		let offset = 0;
		for (let i = 0; i < out.length; i++) {
			out[i] = dtype.read(view, offset, ctx);
			for (let d = n - 1; d >= 0; d--) {
				offset += strides[d];
				if (++index[d] < shape[d]) break;
				offset -= strides[d] * shape[d];
				index[d] = 0;
			}
		}
		return (this.decoded = out);
	}
}

export const NDARRAY_CLASS: PyGlobal = { name: 'numpy.ndarray' };

export const NUMPY_RECONSTRUCT: PyGlobal = {
	name: 'numpy._core.multiarray._reconstruct',
	call(args: readonly unknown[], ctx: PickleContext) {
		const cls = args[0];
		if (!(cls instanceof PyGlobalRef) || cls.spec !== NDARRAY_CLASS)
			ctx.fail('_reconstruct sans numpy.ndarray');
		return new NdArray();
	}
};

export const NUMPY_DTYPE: PyGlobal = {
	name: 'numpy.dtype',
	call(args: readonly unknown[], ctx: PickleContext) {
		if (typeof args[0] !== 'string') ctx.fail('numpy.dtype sans code');
		return new NumpyDtype(args[0], ctx);
	}
};

/** numpy scalars: scalar(dtype, raw bytes), or the object itself for an object dtype. */
export const NUMPY_SCALAR: PyGlobal = {
	name: 'numpy._core.multiarray.scalar',
	call(args: readonly unknown[], ctx: PickleContext) {
		const [dtype, data] = args;
		if (!(dtype instanceof NumpyDtype) || args.length !== 2) ctx.fail('scalaire numpy sans dtype');
		if (dtype.kind === 'object') return data;
		if (!(data instanceof Uint8Array) || data.length !== dtype.itemsize)
			ctx.fail('scalaire numpy de taille inattendue');
		return dtype.read(new DataView(data.buffer, data.byteOffset, data.byteLength), 0, ctx);
	}
};

/** Protocol 5's in-band form: _frombuffer(buffer, dtype, shape, order). */
export const NUMPY_FROMBUFFER: PyGlobal = {
	name: 'numpy._core.numeric._frombuffer',
	call(args: readonly unknown[], ctx: PickleContext) {
		const [buffer, dtype, shape, order] = args;
		if (order !== 'C' && order !== 'F') ctx.fail('_frombuffer sans ordre');
		const array = new NdArray();
		array.init(shape, dtype, order === 'F', buffer, ctx);
		return array;
	}
};
