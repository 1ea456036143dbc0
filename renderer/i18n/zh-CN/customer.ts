// Strings of the customer screen (zh-CN).
export default {} as const;
