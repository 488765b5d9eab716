import { Injectable, OnModuleInit, SetMetadata } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { ServiceTaskContext, ServiceTaskResult } from './engine.types';

const SERVICE_TASK = 'sportello:service-task';
export const SERVICE_NAME_PATTERN = /^[a-z][a-zA-Z0-9]*\.[a-z][a-zA-Z0-9]*$/;

/** A service-task handler: `implementation="<module>.<action>"` in the BPMN calls `handle`. */
export interface ServiceTaskProvider {
  handle(ctx: ServiceTaskContext): Promise<ServiceTaskResult | void>;
}

/** Marks a provider as the handler of a named service task, found at boot. */
export const ServiceTask = (name: string): ClassDecorator => {
  if (!SERVICE_NAME_PATTERN.test(name)) throw new Error(`service task name "${name}" must be <module>.<action>`);
  return SetMetadata(SERVICE_TASK, name);
};

@Injectable()
export class ServiceTaskRegistry implements OnModuleInit {
  private readonly handlers = new Map<string, ServiceTaskProvider>();

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const name = wrapper.metatype ? (Reflect.getMetadata(SERVICE_TASK, wrapper.metatype) as string | undefined) : undefined;
      if (!name || !wrapper.instance) continue;
      const existing = this.handlers.get(name);
      if (existing && existing !== wrapper.instance) throw new Error(`service task "${name}" has two handlers`);
      this.handlers.set(name, wrapper.instance as ServiceTaskProvider);
    }
  }

  has(name: string): boolean {
    return this.handlers.has(name);
  }

  names(): string[] {
    return [...this.handlers.keys()].sort();
  }

  get(name: string): ServiceTaskProvider | undefined {
    return this.handlers.get(name);
  }
}
