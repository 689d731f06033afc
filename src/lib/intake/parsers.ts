/**
 * Every file format Pilot reads, by id. The intake worker imports this registry; each module adds its
 * parser here (one line) and nothing else of the pipeline changes.
 */
import { parseDpd } from '$lib/carriers/dpd/dpd.parser';
import { parseChronopost } from '$lib/carriers/chronopost/chronopost.parser';
import { parseDhl } from '$lib/carriers/dhl/dhl.parser';
import { parseColissimo } from '$lib/carriers/colissimo/colissimo.parser';
import { parseColisPrive } from '$lib/carriers/colis-prive/colis-prive.parser';
import { parseMondialRelay } from '$lib/carriers/mondial-relay/mondial-relay.parser';
import { parseThreePL } from '$lib/logisticiens/threepl.parser';
import { parseRetours } from '$lib/retours/retours.parser';
import { parseAttendus } from '$lib/attendus/attendus.parser';
import type { Parser } from './parse.types';

export const PARSERS: Record<string, Parser> = {
	'3pl': parseThreePL,
	chronopost: parseChronopost,
	dpd: parseDpd,
	dhl: parseDhl,
	colissimo: parseColissimo,
	'colis-prive': parseColisPrive,
	'mondial-relay': parseMondialRelay,
	retours: parseRetours,
	attendus: parseAttendus
};
