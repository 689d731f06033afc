/**
 * Bounds of the pickle reader. Every opcode consumes input, so the machine's time and memory stay linear
 * in the file; these caps stop what could still grow: its stack and memo, nesting (the converter
 * recurses), the size of one integer, and the values materialised from arrays (a DataFrame can reuse
 * one array many times), kept in proportion to the input.
 */
export const PICKLE_LIMITS = {
	/** Items on the VM stack (pickle batches lists and dicts by 1000, so real files stay far below). */
	maxStack: 1_000_000,
	/** Memo entries (one per MEMOIZE / BINPUT). */
	maxMemo: 4_000_000,
	/** Open MARKs at once, and containers nested in the result. */
	maxDepth: 200,
	/** Bytes of one Python int (LONG1 / LONG4): 64-bit values are all pandas writes. */
	maxIntBytes: 16,
	/**
	 * Values materialised (array elements at each use, DataFrame cells, copies) per byte of pickle. Each
	 * costs the file at least a byte (the real backups need 0.23 at most), while a small hostile file
	 * reusing one array through the memo is stopped in proportion to its size.
	 */
	valuesPerByte: 8,
	/** …and never fewer than this, for small files. */
	minValues: 1_000_000
} as const;
