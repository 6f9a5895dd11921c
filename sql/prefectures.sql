-- sql/prefectures.sql — the statements of src/store/prefectures.c. tools/sqlgen.sh turns each
-- "-- @NAME" section into a C declaration: a name starting with SQL_ a statement
-- (static const char NAME[]), any other a fragment (#define) that {NAME} puts in.

-- @SQL_ALL
SELECT p.code, p.name_ja, p.name_en, p.block, b.name_ja, b.name_en, p.tile_col, p.tile_row FROM
prefectures p JOIN regional_blocks b ON b.code = p.block ORDER BY p.code

-- @SQL_LINKS
SELECT a, b FROM prefecture_links UNION ALL SELECT b, a FROM prefecture_links ORDER BY 1, 2
