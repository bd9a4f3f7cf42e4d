#!/bin/sh
# Bulk import into an empty database named neo4j (run from this folder).
neo4j-admin database import full \
  --array-delimiter=";" \
  --nodes=nodes_Article.csv \
  --nodes=nodes_Country.csv \
  --nodes=nodes_Event.csv \
  --nodes=nodes_Location.csv \
  --nodes=nodes_Organization.csv \
  --nodes=nodes_Person.csv \
  --relationships=rels_HELD_IN_Event_Country.csv \
  --relationships=rels_HELD_IN_Event_Location.csv \
  --relationships=rels_HOLDS_ROLE_Person_Country.csv \
  --relationships=rels_HOLDS_ROLE_Person_Organization.csv \
  --relationships=rels_HOLDS_ROLE_Person_Person.csv \
  --relationships=rels_LOCATED_IN_Location_Country.csv \
  --relationships=rels_MENTIONED_IN_Country_Article.csv \
  --relationships=rels_MENTIONED_IN_Location_Article.csv \
  --relationships=rels_MENTIONED_IN_Organization_Article.csv \
  --relationships=rels_MENTIONED_IN_Person_Article.csv \
  --relationships=rels_PARTICIPATED_IN_Country_Event.csv \
  --relationships=rels_PARTICIPATED_IN_Person_Event.csv \
  --relationships=rels_PART_OF_Organization_Country.csv \
  --relationships=rels_REPORTED_IN_Event_Article.csv \
  neo4j
