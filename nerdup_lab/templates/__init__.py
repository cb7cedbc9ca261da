"""Package data: the plan templates shipped with nerdup-lab (`plans/*.yaml`)."""
