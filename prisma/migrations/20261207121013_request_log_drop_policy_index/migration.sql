-- No query filters the request log by policyId (the console filters by policyName; budgets by apiKeyId):
-- the index only cost every logged row one more btree insert.
-- DropIndex
DROP INDEX "RequestLog_policyId_createdAt_idx";
