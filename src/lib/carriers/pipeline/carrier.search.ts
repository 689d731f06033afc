/** The text a search finds a billed line by, in every carrier table of billed lines. */
import type { MatchedLine } from './carrier.types';

/**
 * What a search over a billed line finds: its tracking and partner, the 3PL order numbers, parcel and
 * postcode, and the city and postcode the invoice gives (issue 13: not only tracking and partner).
 */
export function lineSearchText(ml: MatchedLine): string {
	const m = ml.match;
	return [
		ml.line.tracking,
		ml.partner,
		m?.originOrder,
		m?.partnerOrder,
		m?.parcel,
		m?.postcode,
		ml.line.place
	]
		.filter(Boolean)
		.join(' ');
}
