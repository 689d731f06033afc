/** Test helper (Node only): the carriers' fixture invoices analysed by the carrier pages' code, as export sources. */
import { analyseCarrier, invoiceDays } from '$lib/carriers/pipeline/carrier.analysis';
import type { BilledLine, CarrierModule, InvoiceFile } from '$lib/carriers/pipeline/carrier.types';
import { fixtureFile, threePLLookup, windowFor } from '$lib/carriers/pipeline/pipeline.testing';
import { colisPriveModule } from '$lib/carriers/colis-prive/colis-prive.module';
import { parseColisPrive, type ColisPriveRow } from '$lib/carriers/colis-prive/colis-prive.parser';
import { dpdModule } from '$lib/carriers/dpd/dpd.module';
import { parseDpd, type DpdRow } from '$lib/carriers/dpd/dpd.parser';
import { mondialRelayModule } from '$lib/carriers/mondial-relay/mondial-relay.module';
import { parseMondialRelay, type MondialRelayRow } from '$lib/carriers/mondial-relay/mondial-relay.parser';
import { chronopostModule } from '$lib/carriers/chronopost/chronopost.module';
import { parseChronopost, type ChronoRow } from '$lib/carriers/chronopost/chronopost.parser';
import { colissimoModule } from '$lib/carriers/colissimo/colissimo.module';
import { parseColissimo, type ColissimoRow } from '$lib/carriers/colissimo/colissimo.parser';
import { dhlModule } from '$lib/carriers/dhl/dhl.module';
import { parseDhl, type DhlRow } from '$lib/carriers/dhl/dhl.parser';
import { refactLines, type CarrierSource, type RefactCarrier } from './refacturation.consolidate';

function source<Row, L extends BilledLine, R>(
	carrier: RefactCarrier,
	module: CarrierModule<Row, L, R>,
	files: InvoiceFile<Row>[]
): CarrierSource {
	// The automatic window, as the carrier page computes it (RULINGS 4).
	const window = windowFor(invoiceDays(module.lines(files)));
	const analysis = analyseCarrier(module, files, threePLLookup(window), window);
	return {
		carrier,
		files: files.length,
		lines: refactLines(analysis.lines, module.rebillCents),
		reconciliation: analysis.reconciliation
	};
}

/** Chronopost, Colissimo and DHL fixtures against the 3PL fixtures. */
export function otherFixtureSources(): CarrierSource[] {
	return [
		source('colissimo', colissimoModule, [
			fixtureFile<ColissimoRow>('colissimo/FACTURE_COLISSIMO_202611.csv', parseColissimo, 'facture')
		]),
		source('chronopost', chronopostModule, [
			fixtureFile<ChronoRow>('chronopost/2026110042_FACTURE_CHRONOPOST.xlsx', parseChronopost, 'facture')
		]),
		source('dhl', dhlModule, [fixtureFile<DhlRow>('dhl/DHL_INVOICE_PAR7494288.csv', parseDhl, 'facture')])
	];
}

/** DPD (Predict + Classic), Mondial Relay and Colis Privé fixtures against the 3PL fixtures. */
export function fixtureSources(): CarrierSource[] {
	return [
		source('dpd', dpdModule, [
			fixtureFile<DpdRow>('dpd/DPD_PREDICT.xlsx', parseDpd, 'predict'),
			fixtureFile<DpdRow>('dpd/DPD_CLASSIC.xlsx', parseDpd, 'classic')
		]),
		source('mondial-relay', mondialRelayModule, [
			fixtureFile<MondialRelayRow>(
				'mondial-relay/RETOURS_MONDIAL_RELAY_202611.csv',
				parseMondialRelay,
				'retours'
			)
		]),
		source('colis-prive', colisPriveModule, [
			fixtureFile<ColisPriveRow>('colis-prive/COLIS_PRIVE_202611.csv', parseColisPrive, 'facture')
		])
	];
}
