/** A KPI's test id from its label: "NON ATTRIBUÉ" → "non-attribue", "Total Retours" → "total-retours". */
export function kpiId(label: string): string {
	return label
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');
}
