import { describe, expect, it } from 'vitest';
import { attachmentView, sniffAttachmentType, sniffBlob } from './attachment-type';

const bytes = (...parts: (string | number[])[]) =>
	new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));
const ftyp = (brand: string) => bytes([0, 0, 0, 0x18], 'ftyp', brand, [0, 0, 0, 0], 'mif1heic');

describe('sniffAttachmentType', () => {
	it('recognises the five accepted types by their first bytes', () => {
		expect(sniffAttachmentType(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
		expect(sniffAttachmentType(bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF'))).toBe('image/jpeg');
		expect(sniffAttachmentType(bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '))).toBe('image/webp');
		for (const brand of ['heic', 'heix', 'mif1', 'msf1', 'hevc'])
			expect(sniffAttachmentType(ftyp(brand)), brand).toBe('image/heic');
		expect(sniffAttachmentType(bytes('%PDF-1.7\n'))).toBe('application/pdf');
	});

	it('refuses SVG, HTML (even named .pdf), AVIF, MP4, empty and look-alikes', () => {
		const refused = [
			bytes('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
			bytes('<?xml version="1.0"?><svg>'),
			bytes('<!doctype html><script>parent.x=1</script>'),
			bytes('  %PDF-1.4 behind spaces'),
			bytes([0x89], 'PNX', [0x0d, 0x0a, 0x1a, 0x0a]),
			bytes('RIFF', [1, 2, 3, 4], 'WAVEfmt '),
			ftyp('avif'),
			ftyp('isom'),
			bytes([0xff, 0xd8]),
			new Uint8Array()
		];
		for (const head of refused) expect(sniffAttachmentType(head)).toBeNull();
	});
});

describe('attachmentView', () => {
	it('types the view Blob as sniffed, whatever the record or the Blob claim', async () => {
		const png = new Blob([bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])], { type: 'text/html' });
		const view = await attachmentView(png);
		expect(view).toMatchObject({ type: 'image/png', thumbnail: true });
		expect(view.viewBlob!.type).toBe('image/png');
		expect(new Uint8Array(await view.viewBlob!.arrayBuffer())).toEqual(
			new Uint8Array(await png.arrayBuffer())
		);

		const heic = await attachmentView(new Blob([ftyp('heic')]));
		expect(heic).toMatchObject({ type: 'image/heic', thumbnail: false });
	});

	it('gives no view at all to an unsafe stored attachment (a restored SVG or HTML)', async () => {
		const svg = new Blob(['<svg><script>localStorage.x=1</script></svg>'], { type: 'image/svg+xml' });
		expect(await attachmentView(svg)).toEqual({ type: null, thumbnail: false, viewBlob: null });
		expect(await sniffBlob(new Blob(['<html>'], { type: 'application/pdf' }))).toBeNull();
	});
});
