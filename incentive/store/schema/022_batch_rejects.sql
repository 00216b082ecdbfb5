-- The rows an import with skip-invalid left out (issue "intake integrity": nothing is lost without a trace): one row
-- per problem, as the preview named it (the row as the user sees it, the column, the value) with its sentence in
-- each language of the interface, kept with the batch; the batch history offers the list once the preview, and the
-- download it offered, are gone. `seq`: the problem's place in the preview's list.
CREATE TABLE batch_rejects (
    batch_id BIGINT, seq BIGINT, "row" BIGINT, "column" VARCHAR, "value" VARCHAR, problem_zh VARCHAR,
    problem_en VARCHAR
);
