/**
 * Claim windows and liability limits per carrier (claims-deadlines.md), editable in Paramètres,
 * and each claim's due date and flag (RULINGS 12). Pure.
 */
import type { ClaimRecord } from '$lib/db/records';
import { isOpen, splitMotif, type ClaimDraft } from './claims.logic';

export const DEADLINES_SETTING_KEY = 'claims.deadlines';
export const TO_VERIFY = 'à vérifier dans votre contrat';

export type DeadlineStart = 'expédition' | 'livraison';

export interface CarrierDeadline {
	carrier: string;
	/** Days to file a claim, counted from `startsFrom`. */
	windowDays: number;
	startsFrom: DeadlineStart;
	/** Window for an invoice dispute ("Erreur de facturation"), when the carrier has its own. */
	billingDays: number | null;
	liability: string;
	source: string;
	/** No public source for the figures: the user should check the contract. */
	toVerify: boolean;
}

export interface DeadlineSettings {
	rules: CarrierDeadline[];
	/** French law, for a carrier without a rule. */
	fallback: CarrierDeadline;
	/** A filed claim without an answer after this many days is "à relancer". */
	followUpDays: number;
	/** An unfiled claim this close to its due date is "échéance proche". */
	warnDays: number;
}

const LEGAL = '33 €/kg, 1 000 € max par colis sauf valeur déclarée (contrat type)';

export const DEFAULT_DEADLINES: DeadlineSettings = {
	rules: [
		{
			carrier: 'DPD',
			windowDays: 30,
			startsFrom: 'expédition',
			billingDays: null,
			liability: `Régime légal : ${LEGAL}`,
			source: `Perte : 30 jours (défaut) ; avarie : réserves sous 3 jours après livraison. Aucune clause publique — ${TO_VERIFY}`,
			toVerify: true
		},
		{
			carrier: 'Chronopost',
			windowDays: 3,
			startsFrom: 'livraison',
			billingDays: null,
			liability: `250 € par colis (FAQ particuliers) ; plafond professionnel ${TO_VERIFY}`,
			source:
				'FAQ Chronopost : 3 jours après livraison (professionnels, France) ; 21 jours à l’international',
			toVerify: true
		},
		{
			carrier: 'Colissimo',
			windowDays: 30,
			startsFrom: 'expédition',
			billingDays: null,
			liability:
				'23 €/kg ; options R1 50 €, R2 200 € ; valeur déclarée jusqu’à 1 000 € (5 000 € avec contrat)',
			source: `Page « colis perdu » de La Poste (30 jours) ; montant au kg ${TO_VERIFY}`,
			toVerify: true
		},
		{
			carrier: 'Colis Privé',
			windowDays: 30,
			startsFrom: 'expédition',
			billingDays: null,
			liability: `Régime légal : ${LEGAL}`,
			source: `30 jours (défaut). Aucune clause publique — ${TO_VERIFY}`,
			toVerify: true
		},
		{
			carrier: 'Mondial Relay',
			windowDays: 30,
			startsFrom: 'expédition',
			billingDays: null,
			liability: `25 € forfaitaires sans assurance (offre particuliers) ; plafond professionnel ${TO_VERIFY}`,
			source: `30 jours (défaut) ; les professionnels réclament via leur portail — ${TO_VERIFY}`,
			toVerify: true
		},
		{
			carrier: 'DHL',
			windowDays: 14,
			startsFrom: 'expédition',
			billingDays: 30,
			liability: 'Fret et carburant remboursés pour un service à heure garantie livré en retard',
			source:
				'Garantie « satisfait ou remboursé » DHL Express (9:00, 10:30, 12:00) ; litige de facture : 30 jours',
			toVerify: false
		}
	],
	fallback: {
		carrier: 'Autre (droit français)',
		windowDays: 3,
		startsFrom: 'livraison',
		billingDays: null,
		liability: LEGAL,
		source:
			'Code de commerce L.133-3 : réserves confirmées sous 3 jours (hors jours fériés) par lettre recommandée',
		toVerify: false
	},
	followUpDays: 30,
	warnDays: 7
};

const isDays = (n: unknown, max = 3650): n is number =>
	Number.isInteger(n) && (n as number) >= 0 && (n as number) <= max;

/** A checked copy of what the settings table holds; defaults where it is missing or malformed. */
export function readDeadlines(stored: unknown): DeadlineSettings {
	if (!stored || typeof stored !== 'object') return structuredClone(DEFAULT_DEADLINES);
	const s = stored as Partial<DeadlineSettings>;
	const rule = (r: unknown): CarrierDeadline | null => {
		const x = r as Partial<CarrierDeadline> | null;
		if (!x || typeof x.carrier !== 'string' || !x.carrier.trim() || !isDays(x.windowDays)) return null;
		return {
			carrier: x.carrier.trim(),
			windowDays: x.windowDays,
			startsFrom: x.startsFrom === 'livraison' ? 'livraison' : 'expédition',
			billingDays: isDays(x.billingDays) ? x.billingDays : null,
			liability: String(x.liability ?? ''),
			source: String(x.source ?? ''),
			toVerify: Boolean(x.toVerify)
		};
	};
	const rules = Array.isArray(s.rules) ? s.rules.map(rule).filter((r): r is CarrierDeadline => !!r) : [];
	return {
		rules: rules.length ? rules : structuredClone(DEFAULT_DEADLINES.rules),
		fallback: rule(s.fallback) ?? structuredClone(DEFAULT_DEADLINES.fallback),
		followUpDays:
			isDays(s.followUpDays, 365) && s.followUpDays > 0 ? s.followUpDays : DEFAULT_DEADLINES.followUpDays,
		warnDays: isDays(s.warnDays, 365) ? s.warnDays : DEFAULT_DEADLINES.warnDays
	};
}

/** French messages for a settings table the user edited; [] when it can be saved. */
export function validateDeadlines(s: DeadlineSettings): string[] {
	const errors: string[] = [];
	const seen = new Set<string>();
	for (const [i, r] of [...s.rules, s.fallback].entries()) {
		const name = r.carrier.trim() || `ligne ${i + 1}`;
		if (!r.carrier.trim()) errors.push(`Ligne ${i + 1} : indiquez le nom du transporteur.`);
		if (!isDays(r.windowDays))
			errors.push(`${name} : le délai doit être un nombre entier de jours (0 à 3650).`);
		if (r.billingDays !== null && !isDays(r.billingDays))
			errors.push(`${name} : le délai de litige de facture doit être un nombre entier de jours.`);
		const key = r.carrier.trim().toLowerCase();
		if (key && seen.has(key)) errors.push(`${name} : ce transporteur figure deux fois dans le tableau.`);
		seen.add(key);
	}
	if (!isDays(s.followUpDays, 365) || s.followUpDays < 1)
		errors.push('Le délai de relance doit être un nombre entier de jours entre 1 et 365.');
	if (!isDays(s.warnDays, 365))
		errors.push("L'alerte d'échéance doit être un nombre entier de jours entre 0 et 365.");
	return errors;
}

export function ruleFor(settings: DeadlineSettings, carrier: string): CarrierDeadline {
	const key = carrier.trim().toLowerCase();
	return settings.rules.find((r) => r.carrier.toLowerCase() === key) ?? settings.fallback;
}

function dayNumber(iso: string): number {
	const [y, m, d] = iso.split('-').map(Number);
	return Date.UTC(y, m - 1, d) / 86_400_000;
}

export function addDays(iso: string, days: number): string {
	return new Date((dayNumber(iso) + days) * 86_400_000).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
	return dayNumber(to) - dayNumber(from);
}

function latest(a: string, b: string | null): string {
	return b && b > a ? b : a;
}

export type DeadlineFlag = 'hors délai' | 'échéance proche' | 'à relancer';

export interface ClaimDeadline {
	/** Last day to file, or null without a shipping or incident date. */
	due: string | null;
	/** Days from today to the due date (negative when past). */
	daysLeft: number | null;
	flag: DeadlineFlag | null;
	rule: CarrierDeadline;
	basis: 'incident' | 'expédition' | null;
}

type DeadlineInput = Pick<
	ClaimRecord,
	'carrier' | 'motif' | 'status' | 'date' | 'shippingDate' | 'incidentDate' | 'filedDate'
> &
	Partial<Pick<ClaimRecord, 'history'>>;

/** Day of the last follow-up sent to the carrier (history entries 'followUp'), or null. */
export function lastFollowUp(history: ClaimRecord['history'] = []): string | null {
	const days = history
		.filter((h) => h.field === 'followUp' && typeof h.to === 'string')
		.map((h) => h.to as string);
	return days.sort().at(-1) ?? null;
}

/**
 * Due date = incident date (when given) or shipping date + the carrier's window (RULINGS 12).
 * Flags apply to open claims: not yet filed and past due → "hors délai"; filed after the due date →
 * "hors délai"; not filed and within `warnDays` → "échéance proche"; filed and unanswered for
 * `followUpDays` (since filing or the last follow-up) → "à relancer".
 */
export function claimDeadline(
	claim: DeadlineInput,
	settings: DeadlineSettings,
	today: string
): ClaimDeadline {
	const rule = ruleFor(settings, claim.carrier);
	const window =
		claim.motif === 'Erreur de facturation' && rule.billingDays !== null ? rule.billingDays : rule.windowDays;
	const basis = claim.incidentDate ? 'incident' : claim.shippingDate ? 'expédition' : null;
	const start = claim.incidentDate ?? claim.shippingDate;
	const due = start ? addDays(start, window) : null;
	const daysLeft = due ? daysBetween(today, due) : null;
	let flag: DeadlineFlag | null = null;
	if (isOpen(claim.status)) {
		if (claim.status === 'À constituer') {
			if (daysLeft !== null && daysLeft < 0) flag = 'hors délai';
			else if (daysLeft !== null && daysLeft <= settings.warnDays) flag = 'échéance proche';
		} else if (due && claim.filedDate && claim.filedDate > due) {
			flag = 'hors délai';
		} else if (
			daysBetween(latest(claim.filedDate ?? claim.date, lastFollowUp(claim.history)), today) >=
			settings.followUpDays
		) {
			flag = 'à relancer';
		}
	}
	return { due, daysLeft, flag, rule, basis };
}

/** The due date a draft would get (the form shows it as it is typed), once it has a carrier and a date. */
export function draftDeadline(draft: ClaimDraft, settings: DeadlineSettings): ClaimDeadline | null {
	if (!draft.carrier.trim() || !(draft.shippingDate || draft.incidentDate)) return null;
	return claimDeadline(
		{
			carrier: draft.carrier,
			motif: splitMotif(draft.motif).motif,
			status: draft.status,
			date: draft.date,
			shippingDate: draft.shippingDate || null,
			incidentDate: draft.incidentDate || null,
			filedDate: draft.filedDate || null
		},
		settings,
		draft.date
	);
}
