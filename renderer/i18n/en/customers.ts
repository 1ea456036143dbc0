// Strings of the customers screen (en).
export default {} as const;
