/**
 * Reads the old Streamlit app's pickles (`data/*.pkl` of its backup ZIPs) as data, never executing them.
 * Pure and synchronous, no DOM: meant for the backup worker. Every fault is a PilotError with a
 * 'pickle-*' code naming the file (see src/lib/i18n/errors.ts); README.md here gives the shapes.
 */
import { PickleContext } from './py';
import { toLegacyValue } from './to-value';
import type { LegacyDataFrame, LegacyPickle, LegacyValue } from './types';
import { runMachine } from './vm';

export type * from './types';
export { PICKLE_LIMITS } from './limits';

/** The pickle `bytes` (named `name` in errors) decoded, with its protocol and the globals it named. */
export function inspectLegacyPickle(bytes: Uint8Array, name: string): LegacyPickle {
	const ctx = new PickleContext(name, bytes.length);
	const { protocol, globals, value } = runMachine(bytes, ctx);
	return { protocol, globals, value: toLegacyValue(value, ctx) };
}

/** The value of the pickle `bytes` (named `name` in errors). */
export function readLegacyPickle(bytes: Uint8Array, name: string): LegacyValue {
	return inspectLegacyPickle(bytes, name).value;
}

export function isDataFrame(value: LegacyValue | undefined): value is LegacyDataFrame {
	return typeof value === 'object' && value !== null && 'kind' in value && value.kind === 'dataframe';
}

/** A DataFrame's rows keyed by column label (a repeated label keeps its first column). */
export function dataFrameRecords(frame: LegacyDataFrame): Record<string, LegacyValue>[] {
	const first = frame.columns.map((c, j) => frame.columns.indexOf(c) === j);
	return frame.rows.map((row) => {
		const record: Record<string, LegacyValue> = Object.create(null);
		row.forEach((cell, j) => {
			if (first[j]) record[frame.columns[j]] = cell;
		});
		return record;
	});
}
