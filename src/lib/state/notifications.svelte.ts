import { errorMessage } from '$lib/i18n/errors';

export interface Notice {
	id: number;
	kind: 'error' | 'success' | 'info';
	text: string;
	/** An action offered with the message, such as "Annuler" after a deletion. */
	action?: { label: string; run: () => void | Promise<void> };
}

/** App-wide messages: errors are shown in role="alert", successes in a polite status region. */
class Notifications {
	items = $state<Notice[]>([]);
	#next = 1;

	/** One message per action: the next one replaces the previous (which stays dismissable until then). */
	push(notice: Omit<Notice, 'id'>): number {
		const id = this.#next++;
		this.items = [{ ...notice, id }];
		return id;
	}

	dismiss(id: number): void {
		this.items = this.items.filter((n) => n.id !== id);
	}

	clear(): void {
		this.items = [];
	}
}

export const notifications = new Notifications();

/** Report an error to the user in French and return the message; never swallows it silently. */
export function handleError(error: unknown, context?: string): string {
	const message = errorMessage(error);
	const text = context ? `${context} — ${message}` : message;
	console.error(context ?? 'Pilot', error);
	notifications.push({ kind: 'error', text });
	return text;
}

export function notifySuccess(text: string, action?: Notice['action']): number {
	return notifications.push({ kind: 'success', text, action });
}

/** The message with its kind's icon in front, unless it already starts with an emoji (no « ✅ ✅ »). */
export function withIcon(icon: string, text: string): string {
	return /^\p{Extended_Pictographic}/u.test(text) ? text : `${icon} ${text}`;
}
