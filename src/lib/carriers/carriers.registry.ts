/**
 * Carrier modules the analysis worker can rebuild from their id and options (`CarrierModule.worker`):
 * a module's functions cannot cross to a worker, its id and options can.
 */
import { PilotError } from '$lib/i18n/errors';
import { colissimoModule } from './colissimo/colissimo.module';
import { colisPriveModule } from './colis-prive/colis-prive.module';
import { chronopostModuleFor } from './chronopost/chronopost.module';
import type { SurplusType } from './chronopost/chronopost.parser';
import { dhlModule } from './dhl/dhl.module';
import { dpdModule } from './dpd/dpd.module';
import { mondialRelayModule } from './mondial-relay/mondial-relay.module';
import type { BilledLine, CarrierModule } from './pipeline/carrier.types';

type AnyModule = CarrierModule<never, BilledLine, unknown>;

const FACTORIES: Record<string, (options: unknown) => AnyModule> = {
	dpd: () => dpdModule as unknown as AnyModule,
	chronopost: (options) => chronopostModuleFor(options as SurplusType[] | undefined) as unknown as AnyModule,
	dhl: () => dhlModule as unknown as AnyModule,
	colissimo: () => colissimoModule as unknown as AnyModule,
	'mondial-relay': () => mondialRelayModule as unknown as AnyModule,
	'colis-prive': () => colisPriveModule as unknown as AnyModule
};

export function moduleFor(id: string, options: unknown): AnyModule {
	const factory = FACTORIES[id];
	if (!factory) throw new PilotError('unexpected', { message: `module d'analyse inconnu « ${id} »` });
	return factory(options);
}
