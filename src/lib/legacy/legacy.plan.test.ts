import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { parseAttendus } from '$lib/attendus/attendus.parser';
import { readFile } from '$lib/intake/read';
import { buildPlan, importable, isLegacyPickle, READ_PICKLES } from './legacy.plan';
import { LEGACY_HISTORY_FIELD } from './legacy.claims';
import { readTruth, truthContent, VERSIONS } from './legacy.testing';
import { dataFrameRecords, type LegacyDataFrame } from './pickle';
import { field } from './legacy.values';

const NOW = Date.UTC(2027, 0, 15, 9, 0);
const frameOf = (v: (typeof VERSIONS)[number], pkl: string) =>
	field(truthContent(v, [`data/${pkl}`]).pickles[`data/${pkl}`], 'df') as LegacyDataFrame;

describe.each(VERSIONS)('an old-app backup written under pandas %s', (v) => {
	const plan = buildPlan(truthContent(v, READ_PICKLES), { now: NOW, by: 'Camille' });

	it('brings every claim with every field, its status and a history entry « importé de l’ancienne application »', () => {
		const rows = dataFrameRecords(frameOf(v, 'indemnisations_data.pkl'));
		expect(plan.claims).toHaveLength(12);
		plan.claims.forEach((c, i) => {
			const r = rows[i];
			expect(c.date).toBe(r.Date);
			expect(c.tracking).toBe(r.Tracking);
			expect(c.partner).toBe(r.Partenaire === 'Non trouvé' ? 'NON ATTRIBUÉ' : r.Partenaire);
			expect(c.originOrder).toBe(r.Num_Commande_Origine);
			expect(c.partnerOrder).toBe(r.Num_Commande_Partenaire);
			expect(c.amountCents).toBe(Math.round((r.Montant as number) * 100));
			expect(c.status).toBe(r.Statut);
			expect(c.notes).toBe(r.Notes);
			expect(c.history).toEqual([
				{ at: NOW + i, by: 'Camille', field: LEGACY_HISTORY_FIELD, from: plan.fileName, to: r.Statut }
			]);
			expect(c.paidDate).toBe(c.status === 'Reçue' ? c.date : null);
			expect(c.filedDate).toBe(c.date);
		});
		// A carrier outside the list and a motif outside it (« Autre » + its text) are kept as typed.
		expect(plan.claims[8]).toMatchObject({
			carrier: 'GLS',
			motif: 'Autre',
			motifOther: 'Colis livré à la mauvaise adresse'
		});
		expect(plan.claims[0]).toMatchObject({ carrier: 'DPD', motif: 'Colis perdu', motifOther: '' });
		expect(plan.claims[6].notes).toBe('Relance faite le 10/12 — dossier #4471\n2e relance prévue');
	});

	it('brings the manual entries (id = the old creation time) and the custom clients', () => {
		expect(plan.manual.map((m) => [m.client, m.attendu, m.paletteMulti, m.paletteMono, m.carton])).toEqual([
			['ATELIER ROSEAU', '125', 1, 2, 5],
			['ATELIER ROSEAU', '125', 0, 1, 3],
			['VELO & CO', '179', 2, 0, 0],
			['LA BOUTIQUE DE CAMILLE', 'ASN-MANUEL-1', 0, 0, 12],
			['NOUVEAU CLIENT', 'ASN-NC-01', 1, 0, 0]
		]);
		expect(plan.manual[0]).toMatchObject({ id: 'legacy-attendus-1796728140000', createdAt: 1796728140000 });
		expect(plan.clients).toEqual([
			'ATELIER ROSEAU',
			'LA BOUTIQUE DE CAMILLE',
			'MAISON LUMIÈRE',
			'NOUVEAU CLIENT',
			'VELO & CO'
		]);
	});

	it('writes the received lines it kept as a CSV that the attendus parser reads back line for line', () => {
		const rows = dataFrameRecords(frameOf(v, 'attendus_csv_data.pkl'));
		const csv = plan.attendusCsv!;
		expect(csv.rows).toBe(79);
		const parsed = parseAttendus(readFile(new TextEncoder().encode(csv.text), csv.fileName), {
			fileName: csv.fileName
		});
		expect(parsed.errors).toEqual([]);
		expect(parsed.rows.map((r) => [r.client, r.attendu, r.sku, r.quantite])).toEqual(
			rows.map((r) => [r.client, r.attendu, r.sku, r.quantite])
		);
		expect(Papa.parse(csv.text).data[0]).toEqual([
			'resellers.name',
			'source_ref',
			'supply_capsule_items.source_ref',
			'supply_capsule_items.received_quantity'
		]);
	});

	it('lists each original file once, 3PL workbooks first with their period and upload date', () => {
		expect(
			plan.files.map((f) => [f.store, f.slot, f.fileName, f.period ?? null, f.uploadedAt ?? null])
		).toEqual([
			['logisticiens', '3pl', 'LOG_2026_09.xlsx', '2026-09', Date.UTC(2026, 10, 12, 9, 12, 31)],
			['logisticiens', '3pl', 'LOG_2026_10.xlsx', '2026-10', Date.UTC(2026, 10, 12, 9, 12, 31)],
			['logisticiens', '3pl', 'LOG_2026_11.xlsx', '2026-11', Date.UTC(2026, 11, 1, 8, 57, 2)],
			['dpd', 'predict', 'DPD_PREDICT.xlsx', null, null],
			['dpd', 'classic', 'DPD_CLASSIC.xlsx', null, null],
			['colissimo', 'facture', 'FACTURE_COLISSIMO_202611.csv', null, null],
			['mondialRelay', 'retours', 'RETOURS_MONDIAL_RELAY_202611.csv', null, null],
			['colisPrive', 'facture', 'COLIS_PRIVE_202611.csv', null, null],
			['retours', 'export', 'retours_export_202611.csv', null, null]
		]);
		expect(plan.files[0].bytes).toHaveLength(25905);
		expect(plan.unreadable).toEqual([]);
	});

	it('says Chronopost and DHL invoices were never saved, and asks for them', () => {
		for (const id of ['chronopost', 'dhl']) {
			const m = plan.modules.find((x) => x.id === id)!;
			expect(m.missing).toContain("n'a jamais réussi à enregistrer ces factures");
			expect(m.missing).toContain('ré-importez-les');
		}
		expect(importable(plan)).not.toContain('chronopost');
		expect(importable(plan)).toContain('dpd');
	});

	it('lists the old Bibliothèque: re-created where the files came over, else not recoverable', () => {
		const lib = plan.modules.find((m) => m.id === 'bibliotheque')!;
		const byModule = Object.fromEntries(plan.archives.map((a) => [a.legacyModule, a.recoverable]));
		expect(byModule).toEqual({
			DPD: true,
			Chronopost: false,
			Colissimo: true,
			Mondial_Relay: true,
			Colis_Prive: true,
			DHL: false,
			Retours: true
		});
		expect(plan.archives.find((a) => a.legacyModule === 'DPD')).toMatchObject({ analyses: 2, rows: 150 });
		expect(lib.details.filter((d) => d.includes('non récupérable, ré-importez la facture'))).toHaveLength(2);
	});

	it('lists every other entry with its size as ignored, never dropped silently', () => {
		const truth = readTruth(v);
		const read = new Set(READ_PICKLES);
		const others = truth.zip_entries.filter((e) => !read.has(e.name));
		expect(plan.ignored.map((e) => [e.name, e.size])).toEqual(others.map((e) => [e.name, e.size]));
		expect(plan.ignored.find((e) => e.name === 'data/dpd_data.pkl')?.reason).toContain('recalcule');
		expect(plan.ignored.map((e) => e.name)).toEqual(expect.arrayContaining(['metadata.json', 'README.txt']));
	});

	it('gives one preview line per module', () => {
		const line = (id: string) => plan.modules.find((m) => m.id === id)!.summary;
		expect(line('indemnisations')).toBe('12 indemnisations');
		expect(line('attendus')).toBe('5 saisies manuelles, 5 clients personnalisés, 79 lignes reçues (CSV)');
		expect(line('logisticiens')).toMatch(/^3 fichiers logisticiens \(septembre 2026 … novembre 2026\)$/i);
		expect(line('dpd')).toBe('2 factures');
		expect(plan.exportedAt).toBe('2026-12-18T17:42:05');
	});
});

describe('recognising the old app’s pickles', () => {
	it('knows every pickle name the old app writes, and no other', () => {
		for (const e of readTruth('3.0.6').zip_entries.filter((x) => x.name.endsWith('.pkl')))
			expect(isLegacyPickle(e.name)).toBe(true);
		expect(isLegacyPickle('data/shared_logisticiens.pkl')).toBe(true);
		expect(isLegacyPickle('data/model.pkl')).toBe(false);
		expect(isLegacyPickle('data/../indemnisations_data.pkl')).toBe(false);
	});
});

describe('refused rows are named, never dropped', () => {
	it('names a claim without amount or tracking and an entry without quantities', () => {
		const content = truthContent('1.5.3', READ_PICKLES);
		const claims = field(content.pickles['data/indemnisations_data.pkl'], 'df') as LegacyDataFrame;
		claims.rows[0][7] = 0;
		claims.rows[1][1] = '';
		const manual = field(content.pickles['data/attendus_manual_data.pkl'], 'df') as LegacyDataFrame;
		manual.rows[2].splice(3, 3, 0, 0, 0);
		const plan = buildPlan(content, { now: NOW, by: 'x' });
		expect(plan.claims).toHaveLength(10);
		const details = plan.modules.flatMap((m) => m.details);
		expect(details).toContain(
			'Indemnisation ligne 1 (25006026295243) non importée : Le montant doit être supérieur à 0.'
		);
		expect(details.some((d) => d.startsWith('Indemnisation ligne 2 ()'))).toBe(true);
		expect(details).toContain(
			'Saisie ligne 3 (VELO & CO / 179) non importée : ⚠️ Au moins une quantité doit être supérieure à 0'
		);
	});
});
