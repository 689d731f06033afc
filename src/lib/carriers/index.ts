/**
 * Every carrier of Pilot, in the home page's order. Intake, tables, home, Bibliothèque, Export
 * Refacturation and routes derive from this list: a new carrier is its folder plus one line here.
 */
import { PilotError } from '$lib/i18n/errors';
import { chronopostModule } from './chronopost/chronopost.module';
import { colisPriveModule } from './colis-prive/colis-prive.module';
import { colissimoModule } from './colissimo/colissimo.module';
import { dhlModule } from './dhl/dhl.module';
import { dpdModule } from './dpd/dpd.module';
import { mondialRelayModule } from './mondial-relay/mondial-relay.module';
import type { AnyCarrierModule } from './pipeline/carrier.types';

export const CARRIERS: readonly AnyCarrierModule[] = [
	dpdModule,
	mondialRelayModule,
	colissimoModule,
	colisPriveModule,
	chronopostModule,
	dhlModule
];

/** A carrier by id, rebuilt from its `worker.options` (what crosses to the analysis worker). */
export function carrierFor(
	id: string,
	options: unknown,
	carriers: readonly AnyCarrierModule[] = CARRIERS
): AnyCarrierModule {
	const module = carriers.find((c) => c.id === id);
	if (!module) throw new PilotError('unexpected', { message: `module d'analyse inconnu « ${id} »` });
	return module.withOptions ? module.withOptions(options) : module;
}

/** The carrier pages to prerender, one per carrier (`src/routes/[carrier]`). */
export function carrierRoutes(carriers: readonly AnyCarrierModule[] = CARRIERS): { carrier: string }[] {
	return carriers.map((c) => ({ carrier: c.id }));
}
