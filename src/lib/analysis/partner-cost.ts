/** Cost of one partner in one month: what the « 📈 Coûts » chart draws and an archive keeps. */
export interface PartnerMonthCost {
	partner: string;
	month: string;
	cents: number;
	lines: number;
}
