/**
 * Chronopost contract grids (HT, integer cents) and the theoretical price of a parcel.
 * Weights are handled in grams so that bracket bounds never suffer from floating point.
 */

/** A weight band: applies to weights in (fromG, toG]. */
export interface Band {
	fromG: number;
	toG: number;
	/** The legacy's bracket key, shown in the detail ("3.00 - 5.00"). */
	key: string;
}

function band(fromKg: number, toKg: number): Band {
	return {
		fromG: Math.round(fromKg * 1000),
		toG: Math.round(toKg * 1000),
		key: `${fromKg.toFixed(2)} - ${toKg.toFixed(2)}`
	};
}

/** France: 21 bands of up to 1 kg, 0 to 20 kg. */
export const FR_BANDS: readonly Band[] = [
	band(0, 0.5),
	band(0.5, 1),
	...Array.from({ length: 19 }, (_, i) => band(i + 1, i + 2))
];

/**
 * France prices per band. 8–9 kg (7,26 €) costs more than 9–10 kg (6,55 €): this is the contract
 * as the legacy holds it, kept as is until the business confirms it (legacy spec §2.5).
 */
export const FR_PRICES: readonly number[] = [
	245, 254, 287, 330, 380, 425, 470, 520, 560, 726, 655, 700, 750, 795, 840, 885, 935, 980, 1025, 1075, 1120
];

/** Europe: 8 bands, complete from 0 to 15 kg (3–5, 5–7, 7–10, 10–15 included, RULINGS 8). */
export const EU_BANDS: readonly Band[] = [
	band(0, 0.5),
	band(0.5, 1),
	band(1, 2),
	band(2, 3),
	band(3, 5),
	band(5, 7),
	band(7, 10),
	band(10, 15)
];

const ZONE_EU_EAST = [872, 900, 1000, 1170, 1440, 1715, 2125, 2675];
const ZONE_ALPS = [900, 923, 958, 1219, 1288, 1495, 1633, 2047];
const ZONE_BENELUX_DE = [445, 475, 550, 736, 874, 1012, 1150, 1633];
const ZONE_SOUTH = [601, 636, 897, 966, 1035, 1173, 1311, 1794];

export const EU_PRICES: Readonly<Record<string, readonly number[]>> = {
	AT: ZONE_ALPS,
	BE: [368, 380, 415, 688, 757, 964, 1102, 1516],
	BG: ZONE_EU_EAST,
	CH: [900, 923, 1023, 1200, 1500, 1800, 2250, 2850],
	CZ: ZONE_EU_EAST,
	DE: ZONE_BENELUX_DE,
	DK: ZONE_EU_EAST,
	EE: ZONE_EU_EAST,
	ES: ZONE_SOUTH,
	FI: ZONE_EU_EAST,
	HR: ZONE_EU_EAST,
	HU: ZONE_EU_EAST,
	IE: ZONE_EU_EAST,
	IT: ZONE_SOUTH,
	LT: ZONE_EU_EAST,
	LU: [445, 475, 550, 805, 943, 1150, 1388, 2016],
	LV: ZONE_EU_EAST,
	NL: ZONE_BENELUX_DE,
	PL: ZONE_EU_EAST,
	PT: ZONE_EU_EAST,
	RO: ZONE_EU_EAST,
	SE: [989, 1012, 1047, 1308, 1377, 1584, 1722, 2136],
	SI: ZONE_ALPS,
	SK: ZONE_ALPS
};

export interface GridPrice {
	cents: number;
	band: string;
}

/**
 * The grid price for a weight in grams and an ISO-2 country, or null when the grid has none
 * (no weight, 0 g, above the last band, or a country outside the grids). Upper bounds inclusive.
 */
export function gridPrice(
	weightG: number | null | undefined,
	country: string | null | undefined
): GridPrice | null {
	if (weightG == null || !Number.isFinite(weightG) || weightG <= 0) return null;
	const code = (country ?? '').trim().toUpperCase();
	const [bands, prices] = code === 'FR' ? [FR_BANDS, FR_PRICES] : [EU_BANDS, EU_PRICES[code]];
	if (!prices) return null;
	const index = bands.findIndex((b) => weightG > b.fromG && weightG <= b.toG);
	return index < 0 ? null : { cents: prices[index], band: bands[index].key };
}

/** Kilograms as billed (2.3) → grams (2300), rounded so that 0.1 + 0.2 style errors vanish. */
export function kgToGrams(kg: number | null | undefined): number | null {
	return kg == null || !Number.isFinite(kg) ? null : Math.round(kg * 1000);
}
