/** The one label for what no 3PL row or client explains (RULINGS 1): carriers' lines, Retours' returns, exports. */
export const NON_ATTRIBUE = 'NON ATTRIBUÉ';
