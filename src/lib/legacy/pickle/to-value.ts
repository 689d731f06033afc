/**
 * The machine's objects as plain LegacyValue: each object converted once (shared references stay
 * shared, so a pickle cannot multiply its size through the memo), cycles and deep nesting refused.
 */
import { PICKLE_LIMITS } from './limits';
import { NdArray } from './numpy';
import { DataFrame, NAT, NDArrayBacked, PandasIndex, axisOf, dataFrameOf } from './pandas';
import { PyDict, PyGlobalRef, PySet, PyStateful, PyTuple, type PickleContext } from './py';
import type { LegacyValue } from './types';

export function toLegacyValue(root: unknown, ctx: PickleContext): LegacyValue {
	const done = new Map<object, LegacyValue>();
	const active = new Set<object>();

	const convert = (value: unknown, depth: number): LegacyValue => {
		if (value === null || value === NAT) return null;
		switch (typeof value) {
			case 'boolean':
			case 'number':
			case 'bigint':
			case 'string':
				return value;
		}
		if (typeof value !== 'object') return ctx.fail('valeur inattendue');
		// Datetimes are the only plain objects the machine makes; bytes are already copies.
		if (value instanceof Uint8Array || Object.getPrototypeOf(value) === Object.prototype)
			return value as LegacyValue;
		const known = done.get(value);
		if (known !== undefined) return known;
		if (active.has(value)) ctx.fail('structure cyclique');
		if (depth >= PICKLE_LIMITS.maxDepth) ctx.tooLarge('imbrication', PICKLE_LIMITS.maxDepth);
		active.add(value);
		const out = build(value, depth + 1);
		active.delete(value);
		done.set(value, out);
		return out;
	};

	const build = (value: object, depth: number): LegacyValue => {
		const each = (items: readonly unknown[]) => items.map((item) => convert(item, depth));
		const cell = (item: unknown) => convert(item, depth);
		if (Array.isArray(value)) return each(value);
		if (value instanceof PyTuple) return each(value.items);
		if (value instanceof PySet) return each(value.items);
		if (value instanceof PyDict) {
			const map = new Map<LegacyValue, LegacyValue>();
			for (const [k, v] of value.map) map.set(convert(k, depth), convert(v, depth));
			return map;
		}
		if (value instanceof DataFrame) return dataFrameOf(value, ctx, cell);
		if (value instanceof PandasIndex) return axisOf(value, ctx, cell);
		const array = value instanceof NdArray ? value : value instanceof NDArrayBacked ? value.ndarray : null;
		if (array?.dtype) {
			const dtype = value instanceof NDArrayBacked ? value.dtypeName : array.dtype.name;
			return Object.freeze({ kind: 'ndarray', dtype, shape: array.shape, values: each(array.values(ctx)) });
		}
		if (value instanceof PyGlobalRef) return ctx.refuse(`${value.name} (classe ou fonction comme valeur)`);
		return ctx.fail(`${value instanceof PyStateful ? value.pyClass : value.constructor.name} inattendu ici`);
	};

	return convert(root, 0);
}
