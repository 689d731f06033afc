/** The VM's own objects: Python containers and the context every constructor fails through. */
import { PilotError } from '$lib/i18n/errors';
import { PICKLE_LIMITS } from './limits';

export class PyTuple {
	constructor(readonly items: readonly unknown[]) {}
}

/** A dict, keyed by the Python value itself (str, int, float, bool, None; others by identity). */
export class PyDict {
	readonly map = new Map<unknown, unknown>();
}

export class PySet {
	readonly items: unknown[] = [];
}

/** An object whose state a BUILD sets, once (a second BUILD could replay costly work without bound). */
export abstract class PyStateful {
	private built = false;
	constructor(readonly pyClass: string) {}

	build(state: unknown, ctx: PickleContext): void {
		if (this.built) ctx.fail(`état de ${this.pyClass} donné deux fois`);
		this.built = true;
		this.setState(state, ctx);
	}

	protected abstract setState(state: unknown, ctx: PickleContext): void;
}

/** A resolved GLOBAL: what REDUCE (call) and NEWOBJ (construct) may do with it. */
export interface PyGlobal {
	readonly name: string;
	call?(args: readonly unknown[], ctx: PickleContext): unknown;
	/** `name` is the class as pickled (pandas 1/2 and 3 name the same class differently). */
	construct?(args: readonly unknown[], ctx: PickleContext, name: string): unknown;
}

/** A GLOBAL on the stack: its allow-listed behaviour and the name it was pickled under. */
export class PyGlobalRef {
	constructor(
		readonly spec: PyGlobal,
		readonly name: string
	) {}
}

/** Fault reporting (named file, current offset) and the budget of materialised values. */
export class PickleContext {
	offset = 0;
	private spent = 0;
	private readonly budget: number;

	constructor(
		readonly file: string,
		inputLength: number
	) {
		this.budget = Math.max(PICKLE_LIMITS.minValues, PICKLE_LIMITS.valuesPerByte * inputLength);
	}

	fail(reason: string): never {
		throw new PilotError('pickle-malformed', { file: this.file, offset: this.offset, reason });
	}

	refuse(what: string): never {
		throw new PilotError('pickle-refused', { file: this.file, what });
	}

	tooLarge(what: string, limit: number): never {
		throw new PilotError('pickle-too-large', { file: this.file, what, limit: limit.toLocaleString('fr-FR') });
	}

	/** Counts n values about to be materialised against the budget (PICKLE_LIMITS, per input byte). */
	spend(n: number): void {
		this.spent += n;
		if (this.spent > this.budget) this.tooLarge('valeurs décodées', this.budget);
	}
}

export function tupleItems(value: unknown, ctx: PickleContext, what: string): readonly unknown[] {
	if (!(value instanceof PyTuple)) ctx.fail(`${what} : tuple attendu`);
	return value.items;
}

/** A Python int as a JS number, or a failure when it is not a safe integer. */
export function intOf(value: unknown, ctx: PickleContext, what: string): number {
	if (
		typeof value === 'bigint' &&
		value >= BigInt(Number.MIN_SAFE_INTEGER) &&
		value <= BigInt(Number.MAX_SAFE_INTEGER)
	)
		return Number(value);
	if (typeof value !== 'number' || !Number.isSafeInteger(value)) ctx.fail(`${what} : entier attendu`);
	return value;
}

export function strOf(value: unknown, ctx: PickleContext, what: string): string {
	if (typeof value !== 'string') ctx.fail(`${what} : texte attendu`);
	return value;
}

/** A dict with str keys as a JS Map (for pandas' state dicts). */
export function dictOf(value: unknown, ctx: PickleContext, what: string): Map<unknown, unknown> {
	if (!(value instanceof PyDict)) ctx.fail(`${what} : dictionnaire attendu`);
	return value.map;
}

/** JS number for ints within ±2^53, bigint beyond. */
export function pyInt(value: bigint): number | bigint {
	return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
		? Number(value)
		: value;
}
