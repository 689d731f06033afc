import { PilotError, type ErrorCode, type ErrorDetails } from '$lib/i18n/errors';

/** Errors cross postMessage as plain data; PilotErrors keep their code and details. */
export type SerializedError = { code?: ErrorCode; details?: ErrorDetails; name: string; message: string };

export function serializeError(error: unknown): SerializedError {
	if (error instanceof PilotError)
		return { code: error.code, details: error.details, name: error.name, message: '' };
	const e = error as { name?: string; message?: string } | null;
	return { name: e?.name ?? 'Error', message: e?.message ?? String(error) };
}

export function reviveError(data: SerializedError): Error {
	if (data.code) return new PilotError(data.code, data.details);
	const error = new Error(data.message);
	error.name = data.name;
	return error;
}
