/**
 * The same invoice number in several stored files (an invoice converted or exported twice): every line
 * is then a Doublon, and the page says why. The SHA-256 check only catches byte-identical files.
 */
import { sameKey } from '$lib/intake/values';
import type { LineSource } from './carrier.types';

export interface RepeatedInvoice {
	invoice: string;
	fileNames: string[];
}

export function repeatedInvoices(lines: { invoice: string; source: LineSource }[]): RepeatedInvoice[] {
	const files = new Map<string, { invoice: string; byDataset: Map<string, string> }>();
	for (const { invoice, source } of lines) {
		const key = sameKey(invoice);
		if (!key) continue;
		const entry = files.get(key) ?? { invoice, byDataset: new Map<string, string>() };
		entry.byDataset.set(source.datasetId, source.fileName);
		files.set(key, entry);
	}
	return [...files.values()]
		.filter(({ byDataset }) => byDataset.size > 1)
		.map(({ invoice, byDataset }) => ({ invoice, fileNames: [...byDataset.values()] }));
}

/** "⚠️ Facture F123 présente dans 2 fichiers (a.xlsx, b.xlsx) : ses lignes sont des doublons." */
export function repeatedInvoicesNote(repeated: RepeatedInvoice[]): string {
	return repeated
		.map(
			(r) =>
				` · ⚠️ Facture ${r.invoice} présente dans ${r.fileNames.length} fichiers (${r.fileNames.join(', ')}) : ses lignes sont comptées comme doublons`
		)
		.join('');
}
