import { error } from '@sveltejs/kit';
import { CARRIERS, carrierRoutes } from '$lib/carriers';
import type { EntryGenerator, PageLoad } from './$types';

/** One page per carrier of the list, prerendered at its id (`/dpd`, `/colis-prive`…). */
export const entries: EntryGenerator = () => carrierRoutes();

export const load: PageLoad = ({ params }) => {
	const module = CARRIERS.find((c) => c.id === params.carrier);
	if (!module) error(404, 'Page introuvable');
	return { module };
};
