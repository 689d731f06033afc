import { handleError } from './notifications.svelte';

/** Browser noise that is not an error of ours (Chromium reports it as one). */
const BENIGN = [/ResizeObserver loop/];

function isBenign(message: string): boolean {
	return BENIGN.some((re) => re.test(message));
}

/**
 * Reports every error nothing else caught (thrown in an event handler, a rejected promise nobody
 * awaited) the way services report theirs: a French message in role="alert". The browser's own
 * console report is kept (no preventDefault), so nothing is swallowed. Returns the uninstaller.
 */
export function installGlobalErrorHandlers(target: EventTarget): () => void {
	const onError = (event: Event) => {
		const { error, message } = event as ErrorEvent;
		const text = error instanceof Error ? error.message : String(message ?? '');
		if (isBenign(text)) return;
		handleError(error ?? new Error(text || 'erreur sans message'));
	};
	const onRejection = (event: Event) => {
		const { reason } = event as PromiseRejectionEvent;
		if (isBenign(reason instanceof Error ? reason.message : String(reason))) return;
		handleError(reason);
	};
	target.addEventListener('error', onError);
	target.addEventListener('unhandledrejection', onRejection);
	return () => {
		target.removeEventListener('error', onError);
		target.removeEventListener('unhandledrejection', onRejection);
	};
}
