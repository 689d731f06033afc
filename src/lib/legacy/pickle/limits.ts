/**
 * Bounds of the pickle reader. Every opcode consumes input, so time and memory stay linear in the file;
 * these caps stop what could still grow: the VM's stack and memo, nesting (the converter recurses), the
 * size of one integer, and values materialised from arrays (a DataFrame can reuse one array many times).
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
	/** Array elements, DataFrame cells and index labels materialised, all together. */
	maxValues: 20_000_000
} as const;
