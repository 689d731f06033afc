/**
 * The carriers whose page adds controls to the shared one (kept apart from `CARRIERS`, which the
 * workers import: a component cannot go there). Every other carrier's page is `CarrierPage` of its module.
 */
import type { Component } from 'svelte';
import ChronopostPage from './chronopost/ChronopostPage.svelte';

export const OWN_PAGES: Readonly<Record<string, Component>> = { chronopost: ChronopostPage };
