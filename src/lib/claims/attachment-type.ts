/**
 * RULINGS 25: an attachment is data, never a page of the app. Its type comes from its first bytes only
 * (never its name or declared type), and only these five are kept; anything else (SVG, HTML…) is refused
 * on the way in and handed out as `application/octet-stream` if one is already stored (restore, import).
 */
export type AttachmentType = 'image/png' | 'image/jpeg' | 'image/webp' | 'image/heic' | 'application/pdf';

/** Bytes enough for every signature below. */
export const SNIFF_BYTES = 16;

/** ISO-BMFF brands of HEIF/HEIC stills and sequences (an AVIF's `avif` brand is not one of them). */
const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1']);

const ascii = (bytes: Uint8Array, from: number, to: number) =>
	String.fromCharCode(...bytes.subarray(from, to));
const startsWith = (bytes: Uint8Array, signature: number[]) => signature.every((b, i) => bytes[i] === b);

/** The attachment's real type from its first bytes, or null when it is none of the accepted five. */
export function sniffAttachmentType(head: Uint8Array): AttachmentType | null {
	if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
	if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
	if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') return 'image/webp';
	if (ascii(head, 4, 8) === 'ftyp' && HEIC_BRANDS.has(ascii(head, 8, 12))) return 'image/heic';
	if (ascii(head, 0, 5) === '%PDF-') return 'application/pdf';
	return null;
}

export async function sniffBlob(blob: Blob): Promise<AttachmentType | null> {
	return sniffAttachmentType(new Uint8Array(await blob.slice(0, SNIFF_BYTES).arrayBuffer()));
}

/** What the page may do with a stored attachment, whatever type its record claims. */
export interface AttachmentView {
	/** The sniffed type, or null: then it is only downloadable, as bytes (`downloadBlob`). */
	type: AttachmentType | null;
	/** Shown in an <img> (Chromium and Firefox cannot render HEIC: those get an icon). */
	thumbnail: boolean;
	/** The Blob typed as sniffed, for the thumbnail and « Ouvrir » (`slice` shares the bytes, no copy). */
	viewBlob: Blob | null;
}

export async function attachmentView(blob: Blob): Promise<AttachmentView> {
	const type = await sniffBlob(blob);
	return {
		type,
		thumbnail: type !== null && type !== 'image/heic' && type.startsWith('image/'),
		viewBlob: type ? blob.slice(0, blob.size, type) : null
	};
}
