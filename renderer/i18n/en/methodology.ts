// Strings of the methodology screen (en).
export default {} as const;
