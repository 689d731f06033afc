import { afterEach, describe, expect, it } from 'vitest';
import { errorMessage, PilotError } from '$lib/i18n/errors';
import { findHeader } from '$lib/intake/columns';
import { handleError, notifications, notifySuccess, withIcon } from './notifications.svelte';

afterEach(() => notifications.clear());

describe('messages', () => {
	it('never double the icon (no « ✅ ✅ », no « ⚠️ ❌ »)', () => {
		expect(withIcon('✅', 'Pièce jointe ajoutée.')).toBe('✅ Pièce jointe ajoutée.');
		expect(withIcon('✅', '✅ Export prêt.')).toBe('✅ Export prêt.');
		expect(withIcon('⚠️', errorMessage(new PilotError('refacturation-empty')))).toMatch(/^❌ Aucune donnée/);
		expect(withIcon('ℹ️', '💾 Sauvegarde créée.')).toBe('💾 Sauvegarde créée.');
	});

	it('do not pile up: the next message replaces the previous one, which can be dismissed before', () => {
		const first = notifySuccess('Indemnisation enregistrée.');
		expect(notifications.items.map((n) => n.id)).toEqual([first]);
		handleError(new PilotError('cancelled'));
		notifySuccess('Pièce jointe ajoutée.');
		expect(notifications.items.map((n) => n.text)).toEqual(['Pièce jointe ajoutée.']);
		notifications.dismiss(notifications.items[0].id);
		expect(notifications.items).toEqual([]);
	});

	it('say « 1 ligne », « 2 lignes » and list each missing column once', () => {
		expect(
			errorMessage(new PilotError('bad-lines', { file: 'f.csv', count: 1, line: 3, message: 'x' }))
		).toContain('a 1 ligne illisible — ligne 3');
		expect(
			errorMessage(new PilotError('bad-lines', { file: 'f.csv', count: 2, line: 3, message: 'x' }))
		).toContain('a 2 lignes illisibles');
		const sheet = { name: 'csv', rows: [['Poids', 'Poids', 'Ville']] };
		const specs = [
			{ key: 'day', names: ['Date'], required: true },
			{ key: 'month', names: ['Date'], required: true },
			{ key: 'weight', names: ['Poids'], required: true }
		];
		try {
			findHeader(sheet, specs, 'f.csv');
			throw new Error('accepté');
		} catch (err) {
			const message = errorMessage(err);
			expect(message).toContain('colonnes attendues : Date. Colonnes attendues : Date, Poids.');
			expect(message).toContain('Colonnes trouvées : Poids, Ville.');
		}
	});
});
