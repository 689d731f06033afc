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
import { refactLines, type CarrierSource, type RefactCarrier } from './refacturation.consolidate';

function source<Row, L extends BilledLine, R>(
	carrier: RefactCarrier,
	module: CarrierModule<Row, L, R>,
	files: InvoiceFile<Row>[]
): CarrierSource {
	// The automatic window, as the carrier page computes it (RULINGS 4).
	const window = windowFor(invoiceDays(module.lines(files)));
	const analysis = analyseCarrier(module, files, threePLLookup(window), window);
	return { carrier, files: files.length, lines: refactLines(analysis.lines) };
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
