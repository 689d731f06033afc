/**
 * Every file format Pilot reads, by id: the carriers' parsers from their list (key = carrier id), then
 * the tools'. The intake worker imports this registry.
 */
import { CARRIERS } from '$lib/carriers';
import type { AnyCarrierModule } from '$lib/carriers/pipeline/carrier.types';
import { parseThreePL } from '$lib/logisticiens/threepl.parser';
import { parseRetours } from '$lib/retours/retours.parser';
import { parseAttendus } from '$lib/attendus/attendus.parser';
import type { Parser } from './parse.types';

export function parsersOf(carriers: readonly AnyCarrierModule[]): Record<string, Parser> {
	return {
		'3pl': parseThreePL,
		...Object.fromEntries(carriers.map((c) => [c.id, c.parser])),
		retours: parseRetours,
		attendus: parseAttendus
	};
}

export const PARSERS = parsersOf(CARRIERS);
