/** One upload slot of an analysis page (DPD: Predict and Classic; Chronopost: invoices; Retours: its export). */
export interface InputSlot {
	/** Stored as DatasetRecord.slot. */
	id: string;
	/** Label of the file input, e.g. "DPD Predict". */
	label: string;
	/** `accept` of the file input, e.g. ".xlsx,.xls". */
	accept: string;
	/** Key of the parser in `$lib/intake/parsers` PARSERS (it runs in the intake worker); a carrier's own is its id. */
	parser: string;
	/** What the file must look like, shown under the input. */
	hint: string;
}
