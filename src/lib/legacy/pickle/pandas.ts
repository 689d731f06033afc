/**
 * pandas objects from their pickled parts (DataFrame → BlockManager → blocks of numpy arrays or
 * DatetimeArray / StringArray, axes from _new_Index), and their assembly into a row-major table.
 */
import { plural } from '$lib/i18n/format';
import { fromEpoch, unitOfReso } from './datetime';
import { NdArray, NumpyDtype } from './numpy';
import {
	PyDict,
	PyGlobalRef,
	PyStateful,
	dictOf,
	intOf,
	tupleItems,
	type PickleContext,
	type PyGlobal
} from './py';
import type { LegacyAxis, LegacyDataFrame, LegacyValue } from './types';

/** pandas.NaT wherever it appears (cells and values alike become null). */
export const NAT = Symbol('NaT');

export class Slice {
	constructor(
		readonly start: number | null,
		readonly stop: number | null,
		readonly step: number | null
	) {}
}

export class StringDtype {
	constructor(readonly name: string) {}
}

/** DatetimeArray / StringArray: an ndarray and its pandas dtype. */
export class NDArrayBacked extends PyStateful {
	ndarray: NdArray | null = null;
	dtypeName = '';

	constructor(readonly cls: PyGlobal) {
		super(cls.name);
	}

	/** (ndarray, dtype[, attrs]) in either order (pandas 3 drops attrs), or a dict with _ndarray/_data and _dtype. */
	protected setState(state: unknown, ctx: PickleContext): void {
		let data: unknown;
		let dtype: unknown;
		if (state instanceof PyDict) {
			data = state.map.get('_ndarray') ?? state.map.get('_data');
			dtype = state.map.get('_dtype');
		} else {
			const items = tupleItems(state, ctx, `état de ${this.pyClass}`);
			if (items.length !== 2 && items.length !== 3) ctx.fail(`état de ${this.pyClass} inattendu`);
			[data, dtype] = items[0] instanceof NdArray ? items : [items[1], items[0]];
		}
		if (!(data instanceof NdArray)) ctx.fail(`${this.pyClass} sans tableau`);
		const elements = data.dtype?.kind;
		if (
			this.cls === DATETIME_ARRAY &&
			dtype instanceof NumpyDtype &&
			dtype.kind === 'datetime' &&
			elements === 'datetime'
		)
			this.dtypeName = dtype.name;
		else if (this.cls === STRING_ARRAY && dtype instanceof StringDtype && elements === 'object')
			this.dtypeName = dtype.name;
		else ctx.refuse(`${this.pyClass} de type ${dtype instanceof NumpyDtype ? dtype.name : 'inconnu'}`);
		this.ndarray = data;
	}
}

export class Block {
	constructor(
		readonly values: NdArray | NDArrayBacked,
		readonly placement: Slice | NdArray
	) {}
}

export class BlockManager {
	constructor(
		readonly blocks: readonly Block[],
		readonly axes: readonly PandasIndex[]
	) {}
}

export class PandasIndex {
	constructor(
		readonly cls: string,
		readonly name: unknown,
		readonly data: NdArray | NDArrayBacked | null,
		readonly range: { start: number; stop: number; step: number } | null
	) {}
}

export class DataFrame extends PyStateful {
	mgr: BlockManager | null = null;

	protected setState(state: unknown, ctx: PickleContext): void {
		const mgr = dictOf(state, ctx, 'état de DataFrame').get('_mgr');
		if (!(mgr instanceof BlockManager)) ctx.refuse(`${this.pyClass} sans BlockManager`);
		this.mgr = mgr;
	}
}

// Classes only named as arguments.
export const DATETIME_ARRAY: PyGlobal = { name: 'pandas.arrays.DatetimeArray' };
export const STRING_ARRAY: PyGlobal = { name: 'pandas.arrays.StringArray' };
export const INDEX_CLASS: PyGlobal = { name: 'pandas.Index' };
export const RANGE_INDEX_CLASS: PyGlobal = { name: 'pandas.RangeIndex' };

export const DATAFRAME_CLASS: PyGlobal = {
	name: 'pandas.DataFrame',
	construct: (args, ctx, name) => {
		if (args.length !== 0) ctx.fail('DataFrame : arguments inattendus');
		return new DataFrame(name);
	}
};

const isGlobal = (value: unknown, spec: PyGlobal): value is PyGlobalRef =>
	value instanceof PyGlobalRef && value.spec === spec;
const arrayLike = (value: unknown): value is NdArray | NDArrayBacked =>
	value instanceof NdArray || value instanceof NDArrayBacked;

export const BLOCK_MANAGER: PyGlobal = {
	name: 'pandas.core.internals.managers.BlockManager',
	call(args: readonly unknown[], ctx: PickleContext) {
		const blocks = tupleItems(args[0], ctx, 'blocs du BlockManager');
		const axes = args[1];
		if (!blocks.every((b) => b instanceof Block)) ctx.fail('BlockManager : bloc attendu');
		if (!Array.isArray(axes) || axes.length !== 2 || !axes.every((a) => a instanceof PandasIndex))
			ctx.fail('BlockManager : deux axes attendus');
		return new BlockManager(blocks as Block[], axes as PandasIndex[]);
	}
};

export const UNPICKLE_BLOCK: PyGlobal = {
	name: 'pandas._libs.internals._unpickle_block',
	call(args: readonly unknown[], ctx: PickleContext) {
		const [values, placement, ndim] = args;
		if (!arrayLike(values) || !(placement instanceof Slice || placement instanceof NdArray) || ndim !== 2)
			ctx.fail('_unpickle_block : arguments inattendus');
		return new Block(values, placement);
	}
};

export const UNPICKLE_NDARRAY_BACKED: PyGlobal = {
	name: 'pandas._libs.arrays.__pyx_unpickle_NDArrayBacked',
	call(args: readonly unknown[], ctx: PickleContext) {
		const [cls, , state] = args;
		if (isGlobal(cls, DATETIME_ARRAY) || isGlobal(cls, STRING_ARRAY)) {
			if (state !== null) ctx.fail(`${cls.spec.name} : état inattendu`);
			return new NDArrayBacked(cls.spec);
		}
		return ctx.fail('__pyx_unpickle_NDArrayBacked : classe inattendue');
	}
};

/** StringDtype(storage, na_value): pandas 3's "str" (NaN for missing) or "string". */
export const STRING_DTYPE: PyGlobal = {
	name: 'pandas.StringDtype',
	call(args: readonly unknown[], ctx: PickleContext) {
		if (args[0] !== 'python') ctx.refuse(`pandas.StringDtype('${String(args[0])}')`);
		return new StringDtype(Number.isNaN(args[1]) ? 'str' : 'string');
	}
};

export const NEW_INDEX: PyGlobal = {
	name: 'pandas.core.indexes.base._new_Index',
	call(args: readonly unknown[], ctx: PickleContext) {
		const [cls, state] = args;
		if (!(cls instanceof PyGlobalRef)) return ctx.fail('_new_Index sans classe');
		const d = dictOf(state, ctx, 'état de l’index');
		const name = d.get('name') ?? null;
		if (cls.spec === RANGE_INDEX_CLASS) {
			const field = (key: string, fallback: number) =>
				d.has(key) ? intOf(d.get(key), ctx, `RangeIndex.${key}`) : fallback;
			const range = { start: field('start', 0), stop: field('stop', 0), step: field('step', 1) };
			if (range.step === 0) ctx.fail('RangeIndex de pas nul');
			return new PandasIndex(cls.name, name, null, range);
		}
		const data = d.get('data');
		if (cls.spec !== INDEX_CLASS || !arrayLike(data)) return ctx.fail(`${cls.name} sans données`);
		return new PandasIndex(cls.name, name, data, null);
	}
};

export const UNPICKLE_TIMESTAMP: PyGlobal = {
	name: 'pandas._libs.tslibs.timestamps._unpickle_timestamp',
	call(args: readonly unknown[], ctx: PickleContext) {
		const [value, , tz, reso] = args;
		if (tz !== null && tz !== undefined) ctx.refuse('pandas.Timestamp avec fuseau horaire');
		if (typeof value !== 'bigint' && !Number.isSafeInteger(value)) ctx.fail('Timestamp sans valeur entière');
		const unit = args.length > 3 ? unitOfReso(intOf(reso, ctx, 'résolution'), ctx) : 'ns';
		return fromEpoch(BigInt(value as number | bigint), unit, 'pandas.Timestamp', ctx);
	}
};

export const NAT_UNPICKLE: PyGlobal = { name: 'pandas._libs.tslibs.nattype.__nat_unpickle', call: () => NAT };

export const SLICE: PyGlobal = {
	name: 'builtins.slice',
	call(args: readonly unknown[], ctx: PickleContext) {
		const bound = (v: unknown) => (v === null ? null : intOf(v, ctx, 'slice'));
		if (args.length !== 3) ctx.fail('slice à 3 bornes attendu');
		return new Slice(bound(args[0]), bound(args[1]), bound(args[2]));
	}
};

// Assembly.

type ConvertCell = (raw: unknown) => LegacyValue;

function rangeLength({ start, stop, step }: { start: number; stop: number; step: number }): number {
	return Math.max(0, Math.ceil((stop - start) / step));
}

/** Values of an array, its dtype name and shape. */
function columnsOf(values: NdArray | NDArrayBacked, ctx: PickleContext) {
	const array = values instanceof NdArray ? values : values.ndarray;
	if (!array?.dtype) return ctx.fail('tableau sans état');
	const dtype = values instanceof NdArray ? array.dtype.name : values.dtypeName;
	return { dtype, shape: array.shape, elements: array.values(ctx) };
}

/** A cell as plain data: None, NaN and NaT are null; numeric cells are already decoded. */
function cellOf(raw: unknown, convert: ConvertCell): LegacyValue {
	if (raw === null || raw === undefined || raw === NAT || (typeof raw === 'number' && Number.isNaN(raw)))
		return null;
	const value = convert(raw);
	return typeof value === 'number' && Number.isNaN(value) ? null : value;
}

export function axisOf(index: PandasIndex, ctx: PickleContext, convert: ConvertCell): LegacyAxis {
	const name = cellOf(index.name, convert);
	if (index.range) return Object.freeze({ kind: 'range-index', class: index.cls, ...index.range, name });
	const { dtype, shape, elements } = columnsOf(index.data as NdArray | NDArrayBacked, ctx);
	if (shape.length !== 1) ctx.fail(`${index.cls} à ${shape.length} dimensions`);
	const values = elements.map((e) => cellOf(e, convert));
	return Object.freeze({ kind: 'index', class: index.cls, dtype, name, values });
}

const axisLength = (axis: LegacyAxis) =>
	axis.kind === 'range-index' ? rangeLength(axis) : axis.values.length;

function label(value: LegacyValue): string {
	if (value === null) return '';
	if (typeof value === 'object') return 'iso' in value ? value.iso : '';
	return String(value);
}

function positionsOf(placement: Slice | NdArray, ctx: PickleContext): number[] {
	if (placement instanceof NdArray) {
		if (placement.dtype?.kind !== 'int' || placement.shape.length !== 1)
			ctx.fail('placement de bloc inattendu');
		return placement.values(ctx).map((p) => intOf(p, ctx, 'placement'));
	}
	const range = { start: placement.start ?? 0, stop: placement.stop ?? 0, step: placement.step ?? 1 };
	if (range.step <= 0) ctx.fail('placement de bloc inattendu');
	ctx.spend(rangeLength(range));
	return Array.from({ length: rangeLength(range) }, (_, i) => range.start + i * range.step);
}

export function dataFrameOf(frame: DataFrame, ctx: PickleContext, convert: ConvertCell): LegacyDataFrame {
	const mgr = frame.mgr;
	if (!mgr) return ctx.fail(`${frame.pyClass} sans état`);
	const columnIndex = axisOf(mgr.axes[0], ctx, convert);
	const index = axisOf(mgr.axes[1], ctx, convert);
	const [ncols, nrows] = [axisLength(columnIndex), axisLength(index)];
	ctx.spend(ncols * nrows);
	const columns = new Array<{ dtype: string; elements: readonly unknown[]; offset: number } | undefined>(
		ncols
	);
	for (const block of mgr.blocks) {
		const positions = positionsOf(block.placement, ctx);
		const { dtype, shape, elements } = columnsOf(block.values, ctx);
		const width = shape.length === 2 ? shape[0] : 1;
		if (shape.length > 2 || shape[shape.length - 1] !== nrows || width !== positions.length)
			ctx.fail(
				`bloc de forme ${shape.join('×')} pour ${plural(positions.length, 'colonne')} de ${plural(nrows, 'ligne')}`
			);
		positions.forEach((p, k) => {
			if (!(p >= 0 && p < ncols) || columns[p]) ctx.fail(`colonne ${p} placée deux fois ou hors limites`);
			columns[p] = { dtype, elements, offset: k * nrows };
		});
	}
	const filled = Array.from(columns, (c, j) => c ?? ctx.fail(`colonne ${j} sans bloc`));
	const rows = Array.from({ length: nrows }, (_, i) =>
		filled.map(({ elements, offset }) => cellOf(elements[offset + i], convert))
	);
	const labels =
		columnIndex.kind === 'index'
			? columnIndex.values.map(label)
			: Array.from({ length: ncols }, (_, j) => String(columnIndex.start + j * columnIndex.step));
	return Object.freeze({
		kind: 'dataframe',
		class: frame.pyClass,
		columns: labels,
		columnIndex,
		dtypes: filled.map((c) => c.dtype),
		index,
		rows
	});
}
