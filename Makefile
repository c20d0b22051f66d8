# Bootstrap and run everything from a fresh clone. Only python3 (3.10+) with venv is assumed.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SCENARIO ?= vpn_bgp_active_active
TIME_SCALE ?= 0.002
COLLECTION_LINK := .collections/ansible_collections/interconnect/oci_azure

.PHONY: help venv collection-link test test-unit test-emulator test-integration sanity lint \
        changelog-lint demo twin soak benchmark constraints build clean lab scenario-files

help:
	@echo "make demo    - set up, start the twin, deploy + verify SCENARIO=$(SCENARIO), stop the twin"
	@echo "make test    - set up and run every test (unit, twin, integration, sanity, lint)"
	@echo "make twin    - run the cloud twin in the foreground (state in .twin/)"
	@echo "make lab     - rehearse SCENARIO's plan (or SCENARIO=all) with strongSwan + FRR (root; docs/lab.md)"
	@echo "make benchmark - deploy speed vs critical path per scenario (BENCHMARK_ARGS=--help; ~1 hour)"
	@echo "make soak    - crash, fault and restart every scenario many times (docs/reliability.md)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python requirements.txt requirements-dev.txt constraints.txt
	$(BIN)/pip install --quiet -c constraints.txt -r requirements-dev.txt
	touch $@

venv: $(VENV)/.installed collection-link

collection-link:
	@mkdir -p $(dir $(COLLECTION_LINK))
	@ln -sfn ../../.. $(COLLECTION_LINK)

# Each test tree runs in its own pytest process: their conftest modules share a basename.
# Integration tests mostly wait on one ansible-playbook at a time: two workers (one file each,
# every worker with its own twin) keep both cores busy.
INTEGRATION_WORKERS ?= 2
test: venv
	$(BIN)/python -m pytest tests/unit
	$(BIN)/python -m pytest tests/emulator
	@# the lab's Debian packages (strongSwan, FRR): installed when root, else named; tests/lab skips
	@# where namespaces cannot be made
	-$(BIN)/python -m lab install
	$(BIN)/python -m pytest tests/lab --durations=10
	$(BIN)/python -m pytest tests/integration -n $(INTEGRATION_WORKERS) --dist loadfile --durations=15
	$(MAKE) sanity lint changelog-lint

test-unit: venv
	$(BIN)/python -m pytest tests/unit

test-emulator: venv
	$(BIN)/python -m pytest tests/emulator

test-integration: venv
	$(BIN)/python -m pytest tests/integration -n $(INTEGRATION_WORKERS) --dist loadfile --durations=15

sanity: venv
	PATH="$(CURDIR)/$(BIN):$$PATH" ./.ci/sanity

lint: venv
	PATH="$(CURDIR)/$(BIN):$$PATH" ansible-lint --offline

changelog-lint: venv
	$(BIN)/antsibull-changelog lint

twin: venv
	$(BIN)/python -m emulator serve --state-dir .twin --time-scale $(TIME_SCALE)

# Not part of `make test` (tests/lab is): rehearse SCENARIO's plan, or every host with SCENARIO=all,
# with strongSwan and FRR in network namespaces, no cloud and no twin (docs/lab.md). Needs root;
# installs its Debian packages when missing. INVENTORY and HOST pick another interconnect.
INVENTORY ?= inventories/twin
HOST ?= $(if $(filter all,$(SCENARIO)),interconnects,$(SCENARIO))
lab: venv
	$(BIN)/python -m lab install
	PATH="$(CURDIR)/$(BIN):$$PATH" ANSIBLE_CONFIG="$(CURDIR)/ansible.cfg" \
	  $(BIN)/ansible-playbook lab/playbook.yml -i "$(INVENTORY)" --limit "$(HOST)"

# Not part of `make test`: 10 SIGKILLs per scenario at 10% and 30% faults (SOAK_ARGS to change).
soak: venv
	$(BIN)/python tests/soak/soak.py $(SOAK_ARGS)

# Not part of `make test`: every scenario at --time-scale 0.1, then the forks test (docs/performance.md).
benchmark: venv
	$(BIN)/python benchmarks/deploy_speed.py $(BENCHMARK_ARGS)

demo: venv
	PATH="$(CURDIR)/$(BIN):$$PATH" ./.ci/demo "$(SCENARIO)" "$(TIME_SCALE)"

# After a change to the planner's design table: render the scenario roles, their Molecule
# scenarios and the scenario choices (tools/scenario_files.py; a unit test checks they are current).
scenario-files: venv
	$(BIN)/python tools/scenario_files.py

build: venv
	$(BIN)/ansible-galaxy collection build --force --output-path build

constraints: $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	$(BIN)/pip freeze --exclude-editable | grep -vE '^(pip|setuptools|wheel)==' > constraints.txt

clean:
	rm -rf $(VENV) .collections build artifacts .twin tests/output
