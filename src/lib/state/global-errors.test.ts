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
		target.dispatchEvent(event('error', { error: new Error('boom'), message: 'boom' }));
		target.dispatchEvent(event('unhandledrejection', { reason: new Error('rejeté') }));
		expect(notifications.items.map((n) => [n.kind, n.text])).toEqual([
			['error', expect.stringMatching(/^Une erreur inattendue est survenue : boom\./)],
			['error', expect.stringMatching(/^Une erreur inattendue est survenue : rejeté\./)]
		]);
		uninstall();
		target.dispatchEvent(event('error', { error: new Error('après') }));
		expect(notifications.items).toHaveLength(2);
	});

	it('reports an error event without an Error object by its message', () => {
		vi.spyOn(console, 'error').mockImplementation(() => {});
		const target = new EventTarget();
		installGlobalErrorHandlers(target);
		target.dispatchEvent(event('error', { error: null, message: 'Script error.' }));
		expect(notifications.items[0].text).toContain('Script error.');
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
