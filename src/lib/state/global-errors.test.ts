import { afterEach, describe, expect, it, vi } from 'vitest';
import { installGlobalErrorHandlers } from './global-errors';
import { notifications } from './notifications.svelte';

function event(type: string, props: Record<string, unknown>): Event {
	return Object.assign(new Event(type), props);
}

describe('global error handlers', () => {
	afterEach(() => notifications.clear());

	it('reports uncaught errors and unhandled rejections as French alerts', () => {
		vi.spyOn(console, 'error').mockImplementation(() => {});
		const target = new EventTarget();
		const uninstall = installGlobalErrorHandlers(target);
		// In French, the English of the error kept for the console (and logged there); one message at a time.
		const unexpected =
			/^Une erreur inattendue est survenue : détail consigné dans la console du navigateur\./;
		target.dispatchEvent(event('error', { error: new Error('boom'), message: 'boom' }));
		expect(notifications.items.map((n) => [n.kind, n.text])).toEqual([
			['error', expect.stringMatching(unexpected)]
		]);
		target.dispatchEvent(event('unhandledrejection', { reason: new Error('rejeté') }));
		expect(notifications.items.map((n) => [n.kind, n.text])).toEqual([
			['error', expect.stringMatching(unexpected)]
		]);
		expect(notifications.items[0].text).not.toMatch(/boom|rejeté/);
		expect(console.error).toHaveBeenCalledWith('Pilot', expect.objectContaining({ message: 'boom' }));
		uninstall();
		notifications.clear();
		target.dispatchEvent(event('error', { error: new Error('après') }));
		expect(notifications.items).toHaveLength(0);
	});

	it('reports an error event without an Error object, its message kept for the console', () => {
		vi.spyOn(console, 'error').mockImplementation(() => {});
		const target = new EventTarget();
		installGlobalErrorHandlers(target);
		target.dispatchEvent(event('error', { error: null, message: 'Script error.' }));
		expect(notifications.items[0].text).toMatch(/^Une erreur inattendue est survenue/);
		expect(console.error).toHaveBeenCalledWith(
			'Pilot',
			expect.objectContaining({ message: 'Script error.' })
		);
	});

	it('ignores the ResizeObserver loop notice', () => {
		const target = new EventTarget();
		installGlobalErrorHandlers(target);
		target.dispatchEvent(
			event('error', { message: 'ResizeObserver loop completed with undelivered notifications.' })
		);
		expect(notifications.items).toHaveLength(0);
	});
});
