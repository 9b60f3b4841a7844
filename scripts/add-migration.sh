#!/usr/bin/env bash
# Adds an EF Core migration of the registry to both of its engines: SQLite (Storage/Migrations, the default store) and
# PostgreSQL (Storage/PostgresMigrations, the store shared by many gateway nodes). EF Core migrations are specific to
# their provider, so a model change needs one of each; neither needs a running database.
#
#   scripts/add-migration.sh <Name>                 both engines
#   scripts/add-migration.sh <Name> --postgres-only the PostgreSQL side of a SQLite migration added on its own
#                                                   (for example on another branch, after merging it)
set -euo pipefail
cd "$(dirname "$0")/.."

name=${1:-}
only=${2:-}
if [[ ! "$name" =~ ^[A-Z][A-Za-z0-9]*$ ]]; then
  echo "usage: scripts/add-migration.sh <Name> [--postgres-only]   (Name in PascalCase, for example SubscriptionPlans)" >&2
  exit 2
fi
if [ -n "$only" ] && [ "$only" != "--postgres-only" ]; then
  echo "add-migration.sh: unknown option '$only'; the only option is --postgres-only" >&2
  exit 2
fi

dotnet tool restore >/dev/null
dotnet build src/Registry --nologo -v q >/dev/null || { echo "add-migration.sh: src/Registry does not build; fix it first (dotnet build src/Registry)" >&2; exit 1; }
cd src/Registry
if [ -z "$only" ]; then
  dotnet ef migrations add "$name" --no-build --context RegistryDbContext -o Storage/Migrations
fi
# The PostgreSQL migrations' class names carry a suffix: both sets are compiled into one assembly, in different
# namespaces, and EF Core finds each set by its context.
dotnet ef migrations add "${name}Postgres" --no-build --context PostgresRegistryDbContext -o Storage/PostgresMigrations
cd ../..
dotnet build src/Registry --nologo -v q >/dev/null
echo "add-migration.sh: added $name (SQLite${only:+ skipped}) and ${name}Postgres (PostgreSQL). Review both, then commit."
