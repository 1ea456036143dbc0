// Strings of the customer screen (en).
export default {} as const;
