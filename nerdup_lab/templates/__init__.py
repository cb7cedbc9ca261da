"""Package data: the shipped plan templates (`plans/*.yaml`) and their JSON Schema."""
