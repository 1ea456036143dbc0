// Strings of the revenue screen (en).
export default {} as const;
