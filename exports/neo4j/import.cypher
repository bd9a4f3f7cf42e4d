// Load with: cypher-shell -f import.cypher (CSV files in Neo4j's import folder)
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
LOAD CSV WITH HEADERS FROM 'file:///nodes_Article.csv' AS row
CREATE (n:Entity:Article {id: row.`id:ID(Entity)`, chars: toInteger(row.`chars:long`), encoding: row.`encoding`, file: row.`file`, label: row.`label`, path: row.`path`, published: row.`published`, published_inferred: toBoolean(row.`published_inferred:boolean`), sha256: row.`sha256`, source: row.`source`, title: row.`title`, url: row.`url`});
LOAD CSV WITH HEADERS FROM 'file:///nodes_Country.csv' AS row
CREATE (n:Entity:Country {id: row.`id:ID(Entity)`, aliases: split(coalesce(row.`aliases:string[]`, ''), ';'), category: row.`category`, discovered: toBoolean(row.`discovered:boolean`), known_as: split(coalesce(row.`known_as:string[]`, ''), ';'), label: row.`label`, label_en: row.`label_en`, mentions: toInteger(row.`mentions:long`), rule: row.`rule`});
LOAD CSV WITH HEADERS FROM 'file:///nodes_Event.csv' AS row
CREATE (n:Entity:Event {id: row.`id:ID(Entity)`, aliases: split(coalesce(row.`aliases:string[]`, ''), ';'), date: row.`date`, date_text: row.`date_text`, event_type: row.`event_type`, label: row.`label`, label_en: row.`label_en`, mentions: toInteger(row.`mentions:long`), reported: row.`reported`, status: row.`status`});
LOAD CSV WITH HEADERS FROM 'file:///nodes_Location.csv' AS row
CREATE (n:Entity:Location {id: row.`id:ID(Entity)`, aliases: split(coalesce(row.`aliases:string[]`, ''), ';'), category: row.`category`, country: row.`country`, discovered: toBoolean(row.`discovered:boolean`), known_as: split(coalesce(row.`known_as:string[]`, ''), ';'), label: row.`label`, label_en: row.`label_en`, mentions: toInteger(row.`mentions:long`), rule: row.`rule`});
LOAD CSV WITH HEADERS FROM 'file:///nodes_Organization.csv' AS row
CREATE (n:Entity:Organization {id: row.`id:ID(Entity)`, aliases: split(coalesce(row.`aliases:string[]`, ''), ';'), category: row.`category`, country: row.`country`, discovered: toBoolean(row.`discovered:boolean`), known_as: split(coalesce(row.`known_as:string[]`, ''), ';'), label: row.`label`, label_en: row.`label_en`, mentions: toInteger(row.`mentions:long`), rule: row.`rule`});
LOAD CSV WITH HEADERS FROM 'file:///nodes_Person.csv' AS row
CREATE (n:Entity:Person {id: row.`id:ID(Entity)`, aliases: split(coalesce(row.`aliases:string[]`, ''), ';'), category: row.`category`, country: row.`country`, discovered: toBoolean(row.`discovered:boolean`), known_as: split(coalesce(row.`known_as:string[]`, ''), ';'), label: row.`label`, label_en: row.`label_en`, mentions: toInteger(row.`mentions:long`), rule: row.`rule`});
LOAD CSV WITH HEADERS FROM 'file:///rels_HELD_IN_Event_Country.csv' AS row
MATCH (a:Entity {id: row.`:START_ID(Entity)`}), (b:Entity {id: row.`:END_ID(Entity)`})
CREATE (a)-[:HELD_IN {article: row.`article`, confidence: toFloat(row.`confidence:double`), end: toInteger(row.`end:long`), evidence: row.`evidence`, rule: row.`rule`, sentence: toInteger(row.`sentence:long`), start: toInteger(row.`start:long`)}]->(b);
LOAD CSV WITH HEADERS FROM 'file:///rels_HELD_IN_Event_Location.csv' AS row
MATCH (a:Entity {id: row.`:START_ID(Entity)`}), (b:Entity {id: row.`:END_ID(Entity)`})
CREATE (a)-[:HELD_IN {article: row.`article`, confidence: toFloat(row.`confidence:double`), end: toInteger(row.`end:long`), evidence: row.`evidence`, rule: row.`rule`, sentence: toInteger(row.`sentence:long`), start: toInteger(row.`start:long`)}]->(b);
LOAD CSV WITH HEADERS FROM 'file:///rels_HOLDS_ROLE_Person_Country.csv' AS row
MATCH (a:Entity {id: row.`:START_ID(Entity)`}), (b:Entity {id: row.`:END_ID(Entity)`})
CREATE (a)-[:HOLDS_ROLE {article: row.`article`, confidence: toFloat(row.`confidence:double`), end: toInteger(row.`end:long`), evidence: row.`evidence`, role: row.`role`, rule: row.`rule`, sentence: toInteger(row.`sentence:long`), start: toInteger(row.`start:long`), term: row.`term`, title: row.`title`}]->(b);
LOAD CSV WITH HEADERS FROM 'file:///rels_HOLDS_ROLE_Person_Organization.csv' AS row
MATCH (a:Entity {id: row.`:START_ID(Entity)`}), (b:Entity {id: row.`:END_ID(Entity)`})
CREATE (a)-[:HOLDS_ROLE {article: row.`article`, confidence: toFloat(row.`confidence:double`), end: toInteger(row.`end:long`), evidence: row.`evidence`, role: row.`role`, rule: row.`rule`, sentence: toInteger(row.`sentence:long`), start: toInteger(row.`start:long`), term: row.`term`, title: row.`title`}]->(b);
LOAD CSV WITH HEADERS FROM 'file:///rels_HOLDS_ROLE_Person_Person.csv' AS row
MATCH (a:Entity {id: row.`:START_ID(Entity)`}), (b:Entity {id: row.`:END_ID(Entity)`})
CREATE (a)-[:HOLDS_ROLE {article: row.`article`, confidence: toFloat(row.`confidence:double`), end: toInteger(row.`end:long`), evidence: row.`evidence`, role: row.`role`, rule: row.`rule`, sentence: toInteger(row.`sentence:long`), start: toInteger(row.`start:long`), term: row.`term`, title: row.`title`}]->(b);
LOAD CSV WITH HEADERS FROM 'file:///rels_LOCATED_IN_Location_Country.csv' AS row
MATCH (a:Entity {id: row.`:START_ID(Entity)`}), (b:Entity {id: row.`:END_ID(Entity)`})
CREATE (a)-[:LOCATED_IN {article: row.`article`, confidence: toFloat(row.`confidence:double`), end: toInteger(row.`end:long`), evidence: row.`evidence`, rule: row.`rule`, sentence: toInteger(row.`sentence:long`), start: toInteger(row.`start:long`)}]->(b);
LOAD CSV WITH HEADERS FROM 'file:///rels_MENTIONED_IN_Country_Article.csv' AS row
MATCH (a:Entity {id: row.`:START_ID(Entity)`}), (b:Entity {id: row.`:END_ID(Entity)`})
CREATE (a)-[:MENTIONED_IN {article: row.`article`, confidence: toFloat(row.`confidence:double`), count: toInteger(row.`count:long`), end: toInteger(row.`end:long`), evidence: row.`evidence`, rule: row.`rule`, sentence: toInteger(row.`sentence:long`), start: toInteger(row.`start:long`)}]->(b);
LOAD CSV WITH HEADERS FROM 'file:///rels_MENTIONED_IN_Location_Article.csv' AS row
MATCH (a:Entity {id: row.`:START_ID(Entity)`}), (b:Entity {id: row.`:END_ID(Entity)`})
CREATE (a)-[:MENTIONED_IN {article: row.`article`, confidence: toFloat(row.`confidence:double`), count: toInteger(row.`count:long`), end: toInteger(row.`end:long`), evidence: row.`evidence`, rule: row.`rule`, sentence: toInteger(row.`sentence:long`), start: toInteger(row.`start:long`)}]->(b);
LOAD CSV WITH HEADERS FROM 'file:///rels_MENTIONED_IN_Organization_Article.csv' AS row
MATCH (a:Entity {id: row.`:START_ID(Entity)`}), (b:Entity {id: row.`:END_ID(Entity)`})
CREATE (a)-[:MENTIONED_IN {article: row.`article`, confidence: toFloat(row.`confidence:double`), count: toInteger(row.`count:long`), end: toInteger(row.`end:long`), evidence: row.`evidence`, rule: row.`rule`, sentence: toInteger(row.`sentence:long`), start: toInteger(row.`start:long`)}]->(b);
LOAD CSV WITH HEADERS FROM 'file:///rels_MENTIONED_IN_Person_Article.csv' AS row
MATCH (a:Entity {id: row.`:START_ID(Entity)`}), (b:Entity {id: row.`:END_ID(Entity)`})
CREATE (a)-[:MENTIONED_IN {article: row.`article`, confidence: toFloat(row.`confidence:double`), count: toInteger(row.`count:long`), end: toInteger(row.`end:long`), evidence: row.`evidence`, rule: row.`rule`, sentence: toInteger(row.`sentence:long`), start: toInteger(row.`start:long`)}]->(b);
LOAD CSV WITH HEADERS FROM 'file:///rels_PARTICIPATED_IN_Country_Event.csv' AS row
MATCH (a:Entity {id: row.`:START_ID(Entity)`}), (b:Entity {id: row.`:END_ID(Entity)`})
CREATE (a)-[:PARTICIPATED_IN {article: row.`article`, confidence: toFloat(row.`confidence:double`), end: toInteger(row.`end:long`), evidence: row.`evidence`, rule: row.`rule`, sentence: toInteger(row.`sentence:long`), start: toInteger(row.`start:long`)}]->(b);
LOAD CSV WITH HEADERS FROM 'file:///rels_PARTICIPATED_IN_Person_Event.csv' AS row
MATCH (a:Entity {id: row.`:START_ID(Entity)`}), (b:Entity {id: row.`:END_ID(Entity)`})
CREATE (a)-[:PARTICIPATED_IN {article: row.`article`, confidence: toFloat(row.`confidence:double`), end: toInteger(row.`end:long`), evidence: row.`evidence`, rule: row.`rule`, sentence: toInteger(row.`sentence:long`), start: toInteger(row.`start:long`)}]->(b);
LOAD CSV WITH HEADERS FROM 'file:///rels_PART_OF_Organization_Country.csv' AS row
MATCH (a:Entity {id: row.`:START_ID(Entity)`}), (b:Entity {id: row.`:END_ID(Entity)`})
CREATE (a)-[:PART_OF {article: row.`article`, confidence: toFloat(row.`confidence:double`), end: toInteger(row.`end:long`), evidence: row.`evidence`, rule: row.`rule`, sentence: toInteger(row.`sentence:long`), start: toInteger(row.`start:long`)}]->(b);
LOAD CSV WITH HEADERS FROM 'file:///rels_REPORTED_IN_Event_Article.csv' AS row
MATCH (a:Entity {id: row.`:START_ID(Entity)`}), (b:Entity {id: row.`:END_ID(Entity)`})
CREATE (a)-[:REPORTED_IN {article: row.`article`, confidence: toFloat(row.`confidence:double`), count: toInteger(row.`count:long`), end: toInteger(row.`end:long`), evidence: row.`evidence`, rule: row.`rule`, sentence: toInteger(row.`sentence:long`), start: toInteger(row.`start:long`)}]->(b);
