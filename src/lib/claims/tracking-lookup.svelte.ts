/**
 * The claim form's tracking lookup: the 3PL files are searched for the typed tracking, and what they
 * know fills the fields the user has not written; a tracking found no more clears what it had filled.
 */
import { formatPeriod } from '$lib/i18n/format';
import { normaliseTracking } from '$lib/intake/tracking';
import { findByTracking } from '$lib/logisticiens/logisticiens.repository';
import { autofill, clearAutofilled, type AutofillField } from './claims.autofill';
import { FIELD_LABELS, type ClaimDraft } from './claims.logic';

export interface LookupNote {
	kind: 'found' | 'missing';
	text: string;
}

export class TrackingLookup {
	note = $state<LookupNote | null>(null);
	private filled: AutofillField[] = [];
	private last: string;

	/** `known`: a tracking already looked up (a stored claim's), searched again only once changed. */
	constructor(known = '') {
		this.last = normaliseTracking(known);
	}

	/** Whether `tracking` differs from the last one searched (the form then searches it after a pause). */
	changed(tracking: string): boolean {
		return normaliseTracking(tracking) !== this.last;
	}

	/** Searches the draft's tracking and fills `draft` in place, leaving the `touched` fields alone. */
	async run(draft: ClaimDraft, touched: ReadonlySet<string>): Promise<void> {
		const tracking = normaliseTracking(draft.tracking);
		this.last = tracking;
		if (!tracking) {
			this.note = null;
			return;
		}
		try {
			const match = await findByTracking(tracking);
			// Typed on meanwhile: this answer is for a tracking no longer there.
			if (normaliseTracking(draft.tracking) !== tracking) return;
			if (match) {
				const result = autofill(draft, match, touched);
				Object.assign(draft, result.draft);
				this.filled = [...this.filled, ...result.filled.filter((f) => !this.filled.includes(f))];
				const what = result.filled.map((f) => FIELD_LABELS[f].toLowerCase()).join(', ');
				this.note = {
					kind: 'found',
					text: `Trouvé dans ${match.fileName} (${formatPeriod(match.period)}) : ${match.partner}${what ? ` — rempli : ${what}` : ''}.`
				};
			} else {
				Object.assign(draft, clearAutofilled(draft, this.filled));
				this.filled = [];
				this.note = {
					kind: 'missing',
					text: 'Tracking absent des fichiers logisticiens : saisissez le partenaire (sinon « NON ATTRIBUÉ »).'
				};
			}
		} catch (err) {
			console.error('Recherche du tracking impossible', err);
			this.note = {
				kind: 'missing',
				text: 'Recherche dans les fichiers logisticiens impossible : saisissez les champs.'
			};
		}
	}

	/** The user wrote `field`: a later lookup that finds nothing must not clear it. */
	typed(field: string): void {
		this.filled = this.filled.filter((f) => f !== field);
	}

	/** After a save: a new claim starts from scratch; an edited one keeps its tracking as known. */
	reset(known = ''): void {
		this.filled = [];
		this.note = null;
		this.last = normaliseTracking(known);
	}
}
