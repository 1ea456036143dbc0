// Strings of the segments screen (en).
export default {} as const;
