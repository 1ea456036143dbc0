// Strings of the overview screen (en).
export default {} as const;
