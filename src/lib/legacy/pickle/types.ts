/**
 * What a legacy pickle becomes: plain data only. Python dicts are always Maps (any key type, insertion
 * order kept, no prototype surprises), so a tagged object (`kind`) is never a user's dict.
 */

/** A Python datetime.datetime / date, pandas.Timestamp or numpy.datetime64, naive as the old app wrote it. */
export interface LegacyDateTime {
	readonly kind: 'datetime' | 'date';
	/** As Python's isoformat(): `2026-12-08T11:41:15`, `.ffffff` (or 9 digits for ns) only when non-zero; `2026-12-08` for a date. */
	readonly iso: string;
	/** Milliseconds since 1970-01-01, the naive time read as UTC. */
	readonly ms: number;
	/** Where it came from: 'datetime.datetime', 'datetime.date', 'pandas.Timestamp' or 'numpy.datetime64'. */
	readonly pyType: string;
}

/** A pandas RangeIndex, never expanded. */
export interface LegacyRangeIndex {
	readonly kind: 'range-index';
	readonly class: string;
	readonly start: number;
	readonly stop: number;
	readonly step: number;
	readonly name: LegacyValue;
}

/** Any other pandas Index (object, int64, pandas 3 "str"…), its labels decoded like cells of its dtype. */
export interface LegacyIndex {
	readonly kind: 'index';
	/** The pickled class, e.g. 'pandas.core.indexes.base.Index' or 'pandas.core.indexes.numeric.Int64Index'. */
	readonly class: string;
	readonly dtype: string;
	readonly name: LegacyValue;
	readonly values: LegacyValue[];
}

export type LegacyAxis = LegacyRangeIndex | LegacyIndex;

/**
 * A pandas DataFrame, row-major. Cells: null for None/NaN/NaT, numbers (bigint beyond 2^53), booleans,
 * strings, LegacyDateTime, and in object columns whatever Python value was stored.
 */
export interface LegacyDataFrame {
	readonly kind: 'dataframe';
	/** The pickled class: 'pandas.core.frame.DataFrame' (pandas 1/2) or 'pandas.DataFrame' (pandas 3). */
	readonly class: string;
	/** Column labels as strings, in order (see columnIndex for the labels as pickled). */
	readonly columns: string[];
	readonly columnIndex: LegacyAxis;
	/** pandas dtype per column: 'object', 'int64', 'float64', 'bool', 'datetime64[ns]', 'str'… */
	readonly dtypes: string[];
	readonly index: LegacyAxis;
	/** rows[i][j] is row i of column j. */
	readonly rows: LegacyValue[][];
}

/** A numpy array met outside a DataFrame, flattened in C order. */
export interface LegacyArray {
	readonly kind: 'ndarray';
	readonly dtype: string;
	readonly shape: number[];
	readonly values: LegacyValue[];
}

/**
 * Python → JS: None → null, bool → boolean, int → number (bigint beyond ±2^53), float → number (NaN kept),
 * str → string, bytes/bytearray → Uint8Array (byte-exact copy), list/tuple/set → array, dict → Map.
 */
export type LegacyValue =
	| null
	| boolean
	| number
	| bigint
	| string
	| Uint8Array
	| LegacyValue[]
	| Map<LegacyValue, LegacyValue>
	| LegacyDateTime
	| LegacyDataFrame
	| LegacyAxis
	| LegacyArray;

/** A decoded pickle with what was found on the way. */
export interface LegacyPickle {
	/** The pickle protocol (2 to 5). */
	readonly protocol: number;
	/** The GLOBAL / STACK_GLOBAL targets, "module.name", in first-use order (all on the allow-list). */
	readonly globals: string[];
	readonly value: LegacyValue;
}
