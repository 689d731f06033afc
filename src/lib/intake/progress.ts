/** One bar for the whole intake: each phase fills its share, so the bar only moves forward. */
import type { IntakePhase, IntakeProgress } from './intake.core';

const SHARES: Record<IntakePhase, [number, number]> = {
	hash: [0, 15],
	read: [15, 45],
	parse: [45, 80],
	pack: [80, 92],
	save: [92, 100]
};

export const PHASE_LABELS: Record<IntakePhase, string> = {
	hash: 'Empreinte du fichier',
	read: 'Lecture du fichier',
	parse: 'Analyse des lignes',
	pack: 'Compression des lignes',
	save: 'Enregistrement'
};

/** Percent (0–100) of the whole intake reached by this progress report. */
export function overallPercent(p: IntakeProgress): number {
	const [from, to] = SHARES[p.phase];
	const ratio = p.total > 0 ? Math.min(1, p.done / p.total) : 0;
	return Math.round(from + (to - from) * ratio);
}
