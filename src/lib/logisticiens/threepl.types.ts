/** One shipment of a 3PL ("fichier logisticien") workbook, normalised. Weight in grams. */
export interface ThreePLRow {
	tracking: string;
	partner: string;
	carrier: string;
	originOrder: string;
	partnerOrder: string;
	orderDate: string | null;
	shipDate: string | null;
	weightG: number | null;
	country: string;
	postcode: string;
	/** The 3PL's own parcel number (« Numéro de colis »), normalised like trackings; absent when the file has none. */
	parcel?: string;
	_line: number;
}

/** A row with the file it came from, as every carrier module sees it. */
export interface ThreePLMatch extends ThreePLRow {
	datasetId: string;
	fileName: string;
	period: string;
	importedAt: number;
}

export interface ThreePLLookup {
	/** The winning row for a tracking (any spelling normaliseTracking accepts); latest period, then latest upload. */
	get(tracking: string): ThreePLMatch | undefined;
	/** Every row of a tracking listed more than once (RULINGS 3), winner first; [] when it is unique. */
	conflicts(tracking: string): ThreePLMatch[];
	/** Rows whose origin or partner order number is this one (trimmed, case-insensitive). */
	byOrder(order: string): ThreePLMatch[];
	/** Rows of this parcel number (any spelling normaliseTracking accepts), latest period, then latest upload first. */
	byParcel(parcel: string): ThreePLMatch[];
	/**
	 * Shipments to this postcode (normalised as France's), oldest ship date first; with `onOrBefore`
	 * ('YYYY-MM-DD'), only those shipped (or ordered, when no ship date) that day or earlier.
	 */
	byPostcode(postcode: string, onOrBefore?: string): ThreePLMatch[];
	/** Distinct trackings. */
	size: number;
	periods: string[];
	/** One row per tracking (the winners). */
	rows(): Iterable<ThreePLMatch>;
}
